import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createPgBossScheduler } from '../../src/schedule/pgboss.js';
import type { CronScheduler } from '../../src/schedule/cron.js';
import type { PollJob } from '../../src/schedule/scheduler.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';
import { until } from '../support/wait.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!POSTGRES_PRESENT)('pg-boss scheduler across instances', () => {
  const started: CronScheduler[] = [];
  const schemas: string[] = [];
  afterEach(async () => {
    await Promise.allSettled(started.splice(0).map((s) => s.stop()));
    await dropSchemas(...schemas.splice(0));
  });

  const instances = async (
    count: number,
    runJob: (job: PollJob, instance: number) => Promise<void>,
    jobs: PollJob[],
    extra: Partial<Parameters<typeof createPgBossScheduler>[0]> = {},
  ) => {
    const schema = testSchemaName('vigie_boss');
    schemas.push(schema);
    const list: CronScheduler[] = [];
    for (let i = 0; i < count; i += 1) {
      const scheduler = createPgBossScheduler({
        databaseUrl: TEST_DATABASE_URL,
        schema,
        cron: '* * * * * *',
        jitterMs: 0,
        dueJobs: async () => jobs,
        runJob: (job) => runJob(job, i),
        logger: silentLogger,
        concurrency: 4,
        pollingIntervalSeconds: 0.5,
        applicationName: `vigie-test-${schema}-${i}`,
        ...extra,
      });
      // Instances start one after the other here, together in production: pg-boss and the queues must not care.
      list.push(scheduler);
      started.push(scheduler);
    }
    await Promise.all(list.map((s) => s.start()));
    return { list, schema };
  };

  it('runs one poll per source at a time across three instances, and every source keeps being polled', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => ({ planId: `p${i}`, sourceKey: `p${i}|rss|feed` }));
    const running = new Map<string, number>();
    let maxOverlap = 0;
    const runs = new Map<string, number>();
    const byInstance = new Set<number>();
    let tickWins = 0;
    const began = Date.now();
    const { list } = await instances(
      3,
      async (job, instance) => {
        const now = (running.get(job.sourceKey) ?? 0) + 1;
        running.set(job.sourceKey, now);
        maxOverlap = Math.max(maxOverlap, now);
        byInstance.add(instance);
        // Longer than a tick: the next tick enqueues the source again while this poll still runs.
        await sleep(1_300);
        running.set(job.sourceKey, (running.get(job.sourceKey) ?? 1) - 1);
        runs.set(job.sourceKey, (runs.get(job.sourceKey) ?? 0) + 1);
      },
      jobs,
      {
        dueJobs: async () => {
          tickWins += 1;
          return jobs;
        },
      },
    );
    await until(() => jobs.every((j) => (runs.get(j.sourceKey) ?? 0) >= 2), 20_000, 'two polls of every source', 50);
    // Three instances tick every second, but each tick is enqueued by one of them only.
    expect(tickWins).toBeLessThanOrEqual(Math.ceil((Date.now() - began) / 1000) + 1);
    expect(maxOverlap).toBe(1);
    expect(byInstance.size).toBeGreaterThan(1);
    expect(list.every((s) => s.isRunning())).toBe(true);
  }, 40_000);

  it('retries a failing poll with back-off, then lists it as dead on every instance', async () => {
    const attempts: number[] = [];
    const good = { planId: 'ok', sourceKey: 'ok|rss|x' };
    const bad = { planId: 'bad', sourceKey: 'bad|rss|x' };
    let goodRuns = 0;
    // Tick once: the bad source is enqueued once, so all its attempts are that job's retries.
    let ticked = false;
    const { list } = await instances(
      2,
      async (job) => {
        if (job.sourceKey === good.sourceKey) {
          goodRuns += 1;
          return;
        }
        attempts.push(Date.now());
        throw new Error('store unreachable');
      },
      [],
      {
        retryLimit: 2,
        retryDelaySeconds: 1,
        dueJobs: async () => {
          if (ticked) return [];
          ticked = true;
          return [good, bad];
        },
      },
    );
    await until(() => attempts.length >= 3 && goodRuns >= 1, 25_000, 'three attempts', 50);
    await until(async () => (await list[1]!.deadJobs()).length > 0, 10_000, 'a dead job', 50);
    for (const scheduler of list) {
      expect(await scheduler.deadJobs()).toEqual([{ sourceKey: bad.sourceKey, error: 'store unreachable', at: expect.any(Number) }]);
    }
    expect(attempts).toHaveLength(3);
    // Back-off: the second wait is longer than the first on average; at least both waited for the retry delay.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(1_800);
  }, 40_000);

  it('hands back a poll that outlives the grace period of stop, for another instance to take', async () => {
    const finished: string[] = [];
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let ticked = false;
    const { list, schema } = await instances(
      1,
      async (job, instance) => {
        await stuck;
        finished.push(`${job.sourceKey}@${instance}`);
      },
      [],
      {
        stopTimeoutMs: 1_000,
        retryDelaySeconds: 1,
        dueJobs: async () => {
          if (ticked) return [];
          ticked = true;
          return [{ planId: 'slow', sourceKey: 'slow|rss|x' }];
        },
      },
    );
    const first = list[0]!;
    await until(
      async () => (await adminQuery(`SELECT 1 FROM ${schema}.job WHERE name = 'vigie-poll' AND state = 'active'`)).length === 1,
      10_000,
      'the slow poll to start',
      50,
    );
    await first.stop();
    expect(first.isRunning()).toBe(false);
    const states = await adminQuery<{ state: string }>(`SELECT state FROM ${schema}.job WHERE name = 'vigie-poll'`);
    expect(states.map((r) => r.state)).toEqual(['retry']);
    release();
    const successor = createPgBossScheduler({
      databaseUrl: TEST_DATABASE_URL,
      schema,
      cron: '0 0 1 1 *',
      jitterMs: 0,
      dueJobs: async () => [],
      runJob: async (job) => {
        finished.push(`${job.sourceKey}@takeover`);
      },
      logger: silentLogger,
      pollingIntervalSeconds: 0.5,
    });
    started.push(successor);
    await successor.start();
    await until(() => finished.includes('slow|rss|x@takeover'), 10_000, 'another instance to take the released poll', 50);
  }, 40_000);
  it('lets a poll in flight finish before stop resolves', async () => {
    const finished: string[] = [];
    let ticked = false;
    const { list, schema } = await instances(
      1,
      async (job) => {
        await sleep(800);
        finished.push(job.sourceKey);
      },
      [],
      {
        dueJobs: async () => {
          if (ticked) return [];
          ticked = true;
          return [{ planId: 'p', sourceKey: 'p|rss|x' }];
        },
      },
    );
    await until(
      async () => (await adminQuery(`SELECT 1 FROM ${schema}.job WHERE name = 'vigie-poll' AND state = 'active'`)).length === 1,
      10_000,
      'the poll to start',
      50,
    );
    await list[0]!.stop();
    expect(finished).toEqual(['p|rss|x']);
    expect((await adminQuery<{ state: string }>(`SELECT state FROM ${schema}.job WHERE name = 'vigie-poll'`)).map((r) => r.state)).toEqual([
      'completed',
    ]);
  }, 30_000);
});
