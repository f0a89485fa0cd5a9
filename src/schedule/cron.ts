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

/**
 * The single-process scheduler: node-cron ticks, each tick asks which polls are due, spreads them over the
 * jitter window, and never starts a source that is still being polled.
 */
export function createCronScheduler(deps: SchedulerDeps & { logger: Logger; random?: () => number; now?: () => number }): CronScheduler {
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let task: CronTicks | undefined;
  let stopping = false;

  const runOne = (job: PollJob): void => {
    if (stopping || inFlight.has(job.sourceKey)) return;
    const run = deps
      .runJob(job)
      .catch((error: unknown) => deps.logger.error('poll failed', { planId: job.planId, sourceKey: job.sourceKey, error }))
      .finally(() => inFlight.delete(job.sourceKey));
    inFlight.set(job.sourceKey, run);
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
      if (inFlight.has(job.sourceKey)) {
        deps.logger.debug('poll still running, skipped this tick', { planId: job.planId, sourceKey: job.sourceKey });
        continue;
      }
      const delay = Math.floor(random() * deps.jitterMs);
      if (delay === 0) {
        runOne(job);
        continue;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        runOne(job);
      }, delay);
      timers.add(timer);
    }
  };

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
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight.values());
    },
    isRunning: () => task !== undefined && !stopping,
    deadJobs: async () => [],
    nextTickAt: () => task?.nextRunAt(),
    idle: async () => {
      while (timers.size > 0 || inFlight.size > 0) {
        await Promise.all(inFlight.values());
        if (timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
