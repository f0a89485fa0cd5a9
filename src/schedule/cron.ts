import type { Logger } from '../log.js';
import type { PollJob, Scheduler, SchedulerDeps } from './scheduler.js';
import { startCronTicks } from './cron-ticks.js';
import type { CronTicks } from './cron-ticks.js';

export interface CronScheduler extends Scheduler {
  /** Run one tick now (what the cron does at each match); resolves when the tick's polls are all started. */
  tick(): Promise<void>;
  /** Next time the cron will tick, for `status`. */
  nextTickAt(): number | undefined;
  /** Resolves when no poll is in flight. */
  idle(): Promise<void>;
}

export interface CronSchedulerOptions extends SchedulerDeps {
  logger: Logger;
  random?: () => number;
  now?: () => number;
  /** `stop()` aborts the polls in flight and waits this long at most for them to end (VIGIE_SHUTDOWN_TIMEOUT). */
  stopTimeoutMs?: number;
  /**
   * Polls running at once (VIGIE_POLL_CONCURRENCY); the others wait their turn in order. Each poll may hold one
   * answer in memory, so this bounds the memory of a tick over many sources.
   */
  concurrency?: number;
}

/**
 * The single-process scheduler: node-cron ticks, each tick asks which polls are due, spreads them over the
 * jitter window, and never starts a source that is still being polled or already waiting for its turn in the
 * window (a cron faster than the jitter would otherwise queue the same source again at every tick).
 */
export function createCronScheduler(deps: CronSchedulerOptions): CronScheduler {
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const stopTimeoutMs = deps.stopTimeoutMs ?? 30_000;
  const concurrency = deps.concurrency ?? 8;
  /** Polls whose turn came while `concurrency` others were running, oldest first. */
  const queued = new Map<string, PollJob>();
  const inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  /** Sources waiting out their jitter delay, with their timer. */
  const waiting = new Map<string, NodeJS.Timeout>();
  let task: CronTicks | undefined;
  let stopping = false;

  const runOne = (job: PollJob): void => {
    if (stopping || inFlight.has(job.sourceKey)) return;
    if (inFlight.size >= concurrency) {
      queued.set(job.sourceKey, job);
      return;
    }
    const abort = new AbortController();
    const done = deps
      .runJob(job, abort.signal)
      .catch((error: unknown) => deps.logger.error('poll failed', { planId: job.planId, sourceKey: job.sourceKey, error }))
      .finally(() => {
        inFlight.delete(job.sourceKey);
        const [next] = queued.values();
        if (next) {
          queued.delete(next.sourceKey);
          runOne(next);
        }
      });
    inFlight.set(job.sourceKey, { done, abort });
  };

  const tick = async (): Promise<void> => {
    if (stopping) return;
    let jobs: PollJob[];
    try {
      jobs = await deps.dueJobs(now());
    } catch (error) {
      deps.logger.error('could not list due polls', { error });
      return;
    }
    for (const job of jobs) {
      if (inFlight.has(job.sourceKey) || waiting.has(job.sourceKey) || queued.has(job.sourceKey)) {
        deps.logger.debug('poll still running or waiting for its turn, skipped this tick', { planId: job.planId, sourceKey: job.sourceKey });
        continue;
      }
      const delay = Math.floor(random() * deps.jitterMs);
      if (delay === 0) {
        runOne(job);
        continue;
      }
      const timer = setTimeout(() => {
        waiting.delete(job.sourceKey);
        runOne(job);
      }, delay);
      waiting.set(job.sourceKey, timer);
    }
  };

  const inFlightDone = (): Promise<unknown> => Promise.all([...inFlight.values()].map((f) => f.done));

  return {
    tick,
    async start() {
      stopping = false;
      task = startCronTicks(deps.cron, 'vigie-poll', deps.logger, tick);
    },
    async stop() {
      stopping = true;
      await task?.stop();
      task = undefined;
      for (const timer of waiting.values()) clearTimeout(timer);
      waiting.clear();
      queued.clear();
      // A poll is cheap to redo at the next start: its requests are aborted at once rather than awaited.
      for (const flight of inFlight.values()) flight.abort.abort(new Error('Vigie is shutting down'));
      let timer: NodeJS.Timeout | undefined;
      const outlasted = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), stopTimeoutMs);
        timer.unref();
      });
      const late = await Promise.race([inFlightDone().then(() => false), outlasted]);
      clearTimeout(timer);
      if (late) deps.logger.warn('polls still running at shutdown were left behind', { sourceKeys: [...inFlight.keys()], stopTimeoutMs });
    },
    isRunning: () => task !== undefined && !stopping,
    deadJobs: async () => [],
    nextTickAt: () => task?.nextRunAt(),
    idle: async () => {
      while (waiting.size > 0 || inFlight.size > 0 || queued.size > 0) {
        await inFlightDone();
        if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
