import { describe, expect, it } from 'vitest';
import { createCronScheduler } from '../../src/schedule/cron.js';
import { nextAttemptAt } from '../../src/schedule/backoff.js';
import { silentLogger } from '../../src/log.js';
import type { PollJob } from '../../src/schedule/scheduler.js';

const job = (key: string): PollJob => ({ planId: 'p1', sourceKey: key });

describe('cron scheduler', () => {
  it('never runs two polls of the same source at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scheduler = createCronScheduler({
      cron: '*/5 * * * *',
      jitterMs: 0,
      dueJobs: async () => [job('a'), job('a')],
      runJob: async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        await gate;
        running -= 1;
      },
      logger: silentLogger,
    });
    await scheduler.tick();
    await scheduler.tick();
    expect(runs).toBe(1);
    release();
    await scheduler.idle();
    await scheduler.tick();
    await scheduler.idle();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('spreads the polls of a tick over the jitter window and keeps going when one fails', async () => {
    const started: Array<[string, number]> = [];
    const t0 = Date.now();
    const randoms = [0, 0.5, 0.99];
    const scheduler = createCronScheduler({
      cron: '*/5 * * * *',
      jitterMs: 200,
      random: () => randoms.shift() ?? 0,
      dueJobs: async () => [job('a'), job('b'), job('c')],
      runJob: async (j) => {
        started.push([j.sourceKey, Date.now() - t0]);
        if (j.sourceKey === 'b') throw new Error('boom');
      },
      logger: silentLogger,
    });
    await scheduler.tick();
    await scheduler.idle();
    expect(started.map(([k]) => k)).toEqual(['a', 'b', 'c']);
    expect(started[2]![1]).toBeGreaterThanOrEqual(150);
  });

  it('ticks on its cron and stops cleanly', async () => {
    let ticks = 0;
    const scheduler = createCronScheduler({
      cron: '* * * * * *',
      jitterMs: 0,
      dueJobs: async () => {
        ticks += 1;
        return [];
      },
      runJob: async () => undefined,
      logger: silentLogger,
    });
    await scheduler.start();
    expect(scheduler.isRunning()).toBe(true);
    expect(scheduler.nextTickAt()).toBeGreaterThan(Date.now() - 1000);
    await new Promise((r) => setTimeout(r, 2300));
    await scheduler.stop();
    expect(ticks).toBeGreaterThanOrEqual(1);
    expect(scheduler.isRunning()).toBe(false);
  });
});

describe('cron scheduler under bounds', () => {
  it('does not queue a source again while it waits out its jitter delay', async () => {
    let runs = 0;
    const scheduler = createCronScheduler({
      cron: '*/5 * * * *',
      jitterMs: 200,
      random: () => 0.5,
      dueJobs: async () => [job('a')],
      runJob: async () => {
        runs += 1;
      },
      logger: silentLogger,
    });
    for (let i = 0; i < 5; i += 1) await scheduler.tick();
    await scheduler.idle();
    expect(runs).toBe(1);
  });

  it('runs at most `concurrency` polls at once, the others in turn', async () => {
    let running = 0;
    let maxRunning = 0;
    const ran: string[] = [];
    const scheduler = createCronScheduler({
      cron: '*/5 * * * *',
      jitterMs: 0,
      concurrency: 2,
      dueJobs: async () => ['a', 'b', 'c', 'd', 'e'].map(job),
      runJob: async (j) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 10));
        ran.push(j.sourceKey);
        running -= 1;
      },
      logger: silentLogger,
    });
    await scheduler.tick();
    await scheduler.tick();
    await scheduler.idle();
    expect(ran.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(maxRunning).toBe(2);
  });

  it('aborts polls in flight on stop and waits for them no longer than its stop timeout', async () => {
    const signals: AbortSignal[] = [];
    const scheduler = createCronScheduler({
      cron: '*/5 * * * *',
      jitterMs: 0,
      stopTimeoutMs: 50,
      dueJobs: async () => [job('obedient'), job('stubborn')],
      runJob: (j, signal) => {
        signals.push(signal);
        // One poll ends when aborted; the other ignores its signal and never ends.
        return j.sourceKey === 'obedient'
          ? new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
          : new Promise<void>(() => undefined);
      },
      logger: silentLogger,
    });
    await scheduler.tick();
    expect(signals).toHaveLength(2);
    await scheduler.stop();
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });
});

describe('back-off', () => {
  it('doubles per failure, caps, and yields to a longer Retry-After', () => {
    expect(nextAttemptAt(0, 1, undefined)).toBe(60_000);
    expect(nextAttemptAt(0, 2, undefined)).toBe(120_000);
    expect(nextAttemptAt(0, 4, undefined)).toBe(480_000);
    expect(nextAttemptAt(0, 40, undefined)).toBe(6 * 3_600_000);
    expect(nextAttemptAt(0, 1, 900_000)).toBe(900_000);
  });
});
