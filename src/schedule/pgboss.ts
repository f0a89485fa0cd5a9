import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from '../log.js';
import { advisoryKey } from '../store/advisory-key.js';
import { startCronTicks } from './cron-ticks.js';
import type { CronTicks } from './cron-ticks.js';
import { checkSchemaName } from '../store/schema-name.js';
import { withAdvisoryLock } from '../store/pg-client.js';
import type { HeldClient } from '../store/pg-client.js';
import type { CronScheduler } from './cron.js';
import type { PollJob, SchedulerDeps } from './scheduler.js';

const DEFAULT_BOSS_SCHEMA = 'vigie_boss';
const POLL_QUEUE = 'vigie-poll';
const TICK_QUEUE = 'vigie-tick';

export interface PgBossSchedulerOptions {
  databaseUrl: string;
  /** Schema of pg-boss's tables (created by pg-boss at start). */
  schema?: string;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  /** Polls this instance runs at once. */
  concurrency?: number;
  /** Retries of a poll job that threw, with exponential back-off from `retryDelaySeconds`; then it is dead. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A poll still running after this is failed by pg-boss (and retried), e.g. when its instance died. */
  pollTimeoutSeconds?: number;
  /** How often an idle worker asks for jobs. */
  pollingIntervalSeconds?: number;
  /** `stop()` lets polls in flight finish for half of this (VIGIE_SHUTDOWN_TIMEOUT), then aborts them and hands them back to the queue. */
  stopTimeoutMs?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

export interface DeadJob {
  sourceKey: string;
  error: string;
  at: number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The distributed scheduler: every instance runs the cron, but each tick is claimed once in the database (a
 * pg-boss singleton slot), and its winner enqueues one job per due source. Workers on every instance take jobs;
 * a source has at most one queued job (singleton key, `short` policy) and at most one running poll across all
 * instances (an advisory lock held while it runs: a dead instance's lock goes with its connection). A job that
 * throws is retried with exponential back-off, then stays failed: `deadJobs()` lists it for `status`.
 *
 * Workers are our own loops over `fetch`/`complete`/`fail` rather than pg-boss's `work()`, whose completion calls
 * are not awaited: a database outage at that moment would be an unhandled rejection, and end the process.
 */
export function createPgBossScheduler(deps: SchedulerDeps & PgBossSchedulerOptions): CronScheduler {
  const schema = checkSchemaName(deps.schema ?? DEFAULT_BOSS_SCHEMA);
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const concurrency = deps.concurrency ?? 8;
  const stopTimeoutMs = deps.stopTimeoutMs ?? 30_000;
  const pollingIntervalMs = (deps.pollingIntervalSeconds ?? 2) * 1000;
  const { logger } = deps;
  const applicationName = deps.applicationName ?? 'vigie-scheduler';
  /** Polls running here, by job id. */
  const inFlight = new Map<string, { job: PollJob; done: Promise<void>; abort: AbortController; lock?: HeldClient }>();
  const loops: Array<Promise<void>> = [];
  const wakers = new Set<() => void>();
  let boss: PgBoss | undefined;
  let locks: pg.Pool | undefined;
  let task: CronTicks | undefined;
  let stopping = false;

  /** Long enough to cover instances ticking a little apart, shorter than the time between two ticks. */
  const tickSlotSeconds = (): number => {
    const next = task?.nextRunAt();
    const period = next === undefined ? 60_000 : Math.max(0, next - Date.now());
    return Math.max(1, Math.min(300, Math.floor(period / 2_000)));
  };

  const enqueueDue = async (active: PgBoss): Promise<number> => {
    const jobs = await deps.dueJobs(now());
    if (jobs.length === 0) return 0;
    await active.insert(
      jobs.map((job) => {
        const delaySeconds = deps.jitterMs > 0 ? (random() * deps.jitterMs) / 1000 : 0;
        return {
          name: POLL_QUEUE,
          data: job,
          singletonKey: job.sourceKey,
          ...(delaySeconds >= 0.001 ? { startAfter: delaySeconds.toFixed(3) } : {}),
        };
      }),
    );
    return jobs.length;
  };

  let ticking: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    ticking ??= claimTick().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  const claimTick = async (): Promise<void> => {
    const active = boss;
    if (stopping || !active) return;
    try {
      const slot = tickSlotSeconds();
      const won = await active.send(TICK_QUEUE, {}, { singletonKey: 'tick', singletonSeconds: slot, retentionSeconds: Math.max(60, 2 * slot) });
      if (won === null) return;
      const count = await enqueueDue(active);
      if (count > 0) for (const wake of wakers) wake();
      logger.debug('poll jobs enqueued', { count });
    } catch (error) {
      logger.error('could not enqueue due polls', { error });
    }
  };

  /** Run one poll unless another instance is polling the same source right now. */
  const runExclusive = async (jobId: string, job: PollJob): Promise<void> => {
    const ran = await withAdvisoryLock(
      locks!,
      advisoryKey(`vigie:source:${schema}:${job.sourceKey}`),
      { wait: false, onError: (error) => logger.error('source lock connection lost', { planId: job.planId, sourceKey: job.sourceKey, error }) },
      async (lock) => {
        const abort = new AbortController();
        const run = deps.runJob(job, abort.signal);
        inFlight.set(jobId, {
          job,
          abort,
          lock,
          done: run.then(
            () => undefined,
            () => undefined,
          ),
        });
        try {
          await run;
        } finally {
          inFlight.delete(jobId);
        }
      },
    );
    if (!ran) logger.debug('poll already running on another instance, skipped', { planId: job.planId, sourceKey: job.sourceKey });
  };

  const rest = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, pollingIntervalMs);
      wakers.add(wake);
    });

  const workerLoop = async (active: PgBoss): Promise<void> => {
    while (!stopping) {
      // pg-boss's fetch answers [] when the database cannot be reached: the loop then rests and asks again.
      const [job] = await active.fetch<PollJob>(POLL_QUEUE, { batchSize: 1 });
      if (!job) {
        await rest();
        continue;
      }
      try {
        await runExclusive(job.id, job.data);
        await active.complete(POLL_QUEUE, job.id);
      } catch (error) {
        logger.warn('poll job failed', { planId: job.data.planId, sourceKey: job.data.sourceKey, error });
        await active
          .fail(POLL_QUEUE, job.id, { message: message(error) })
          .catch((failure: unknown) => logger.warn('could not record a failed poll job', { error: failure }));
      }
    }
  };

  const queueOptions = {
    policy: 'short' as const,
    retryLimit: deps.retryLimit ?? 3,
    retryDelay: deps.retryDelaySeconds ?? 30,
    retryBackoff: true,
    expireInSeconds: deps.pollTimeoutSeconds ?? 600,
    retentionMinutes: 60,
  };

  const ensureQueue = async (active: PgBoss, name: string, options: PgBoss.Queue): Promise<void> => {
    if (await active.getQueue(name)) {
      await active.updateQueue(name, options);
      return;
    }
    await active.createQueue(name, options);
  };

  return {
    tick,
    async start() {
      stopping = false;
      const active = new PgBoss({
        connectionString: deps.databaseUrl,
        schema,
        application_name: applicationName,
        max: Math.max(2, Math.ceil(concurrency / 2)),
        schedule: false,
        supervise: true,
        archiveCompletedAfterSeconds: 3_600,
        archiveFailedAfterSeconds: 7 * 86_400,
      });
      // pg-boss reports connection losses and maintenance failures as events; unheard, they would end the process.
      active.on('error', (error) => logger.warn('job queue error', { error }));
      locks = new pg.Pool({ connectionString: deps.databaseUrl, max: concurrency, application_name: applicationName });
      locks.on('error', (error) => logger.warn('database connection lost', { error }));
      // Instances starting together would race on pg-boss's tables and queues (a deadlock, seen): one at a time.
      await withAdvisoryLock(
        locks,
        advisoryKey(`vigie:boss-setup:${schema}`),
        { wait: true, onError: (error) => logger.warn('database connection lost', { error }) },
        async () => {
          await active.start();
          await ensureQueue(active, POLL_QUEUE, { name: POLL_QUEUE, ...queueOptions });
          await ensureQueue(active, TICK_QUEUE, { name: TICK_QUEUE, policy: 'standard', retryLimit: 0 });
        },
      );
      boss = active;
      for (let i = 0; i < concurrency; i += 1) loops.push(workerLoop(active));
      task = startCronTicks(deps.cron, 'vigie-poll-ticks', deps.logger, tick);
    },
    async stop() {
      stopping = true;
      await task?.stop();
      task = undefined;
      // A tick still listing due polls would use the store after its owner closed it.
      await ticking;
      const active = boss;
      boss = undefined;
      for (const wake of wakers) wake();
      // Graceful: no new job is taken; polls in flight get half of `stopTimeoutMs` to finish, then are aborted and go
      // back to the queue — the other half is for handing them back and for the rest of the shutdown.
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, stopTimeoutMs / 2).unref())]);
      loops.length = 0;
      if (inFlight.size > 0) {
        logger.warn('polls still running at shutdown were handed back to the queue', {
          sourceKeys: [...inFlight.values()].map((f) => f.job.sourceKey),
        });
        for (const [jobId, flight] of inFlight) {
          flight.abort.abort(new Error('Vigie is shutting down'));
          await active?.fail(POLL_QUEUE, jobId, { message: 'instance stopped during the poll' }).catch(() => undefined);
          // Closing the connection releases the source lock at once, so that another instance can take the poll.
          flight.lock?.release(true);
        }
        inFlight.clear();
      }
      await active
        ?.stop({ graceful: false, close: true, wait: true })
        .catch((error: unknown) => logger.warn('job queue did not stop cleanly', { error }));
      await locks?.end().catch(() => undefined);
      locks = undefined;
    },
    isRunning: () => task !== undefined && !stopping,
    deadJobs: async (): Promise<DeadJob[]> => {
      if (!boss) return [];
      const table = `${pg.escapeIdentifier(schema)}.job`;
      try {
        const { rows } = await boss.getDb().executeSql(
          `SELECT DISTINCT ON (f.singleton_key) f.singleton_key AS key, f.output->>'message' AS error, f.completed_on AS at
           FROM ${table} f
           WHERE f.name = $1 AND f.state = 'failed'
             AND NOT EXISTS (SELECT 1 FROM ${table} c
               WHERE c.name = $1 AND c.singleton_key = f.singleton_key AND c.state = 'completed' AND c.completed_on > f.completed_on)
           ORDER BY f.singleton_key, f.completed_on DESC`,
          [POLL_QUEUE],
        );
        return (rows as Array<{ key: string; error: string | null; at: Date }>)
          .map((r) => ({ sourceKey: r.key, error: r.error ?? 'failed', at: new Date(r.at).getTime() }))
          .sort((a, b) => b.at - a.at);
      } catch (error) {
        logger.warn('could not list dead poll jobs', { error });
        return [];
      }
    },
    nextTickAt: () => task?.nextRunAt(),
    idle: async () => {
      for (;;) {
        await Promise.all([...inFlight.values()].map((f) => f.done));
        const waiting = boss ? await boss.getQueueSize(POLL_QUEUE, { before: 'completed' }) : 0;
        if (waiting === 0 && inFlight.size === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
