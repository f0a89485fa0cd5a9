import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createCronScheduler } from './cron.js';
import type { CronScheduler } from './cron.js';
import { createPgBossScheduler } from './pgboss.js';
import type { SchedulerDeps } from './scheduler.js';

/** node-cron in one process; pg-boss on PostgreSQL when a database URL is set (several instances). */
export interface SchedulerSettings {
  databaseUrl: string | undefined;
  schema: string;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  pollTimeoutSeconds: number;
  stopTimeoutMs: number;
}

export function schedulerSettings(config: Config): SchedulerSettings {
  return {
    databaseUrl: config.DATABASE_URL,
    schema: config.VIGIE_QUEUE_SCHEMA,
    concurrency: config.VIGIE_POLL_CONCURRENCY,
    retryLimit: config.VIGIE_POLL_RETRIES,
    retryDelaySeconds: Math.max(1, Math.round(config.VIGIE_POLL_RETRY_DELAY / 1000)),
    pollTimeoutSeconds: Math.max(1, Math.round(config.VIGIE_POLL_TIMEOUT / 1000)),
    stopTimeoutMs: config.VIGIE_SHUTDOWN_TIMEOUT,
  };
}

export function createScheduler(
  settings: SchedulerSettings,
  deps: SchedulerDeps & { logger: Logger; now: () => number; applicationName?: string },
): CronScheduler {
  if (!settings.databaseUrl) return createCronScheduler(deps);
  return createPgBossScheduler({
    ...deps,
    databaseUrl: settings.databaseUrl,
    schema: settings.schema,
    concurrency: settings.concurrency,
    retryLimit: settings.retryLimit,
    retryDelaySeconds: settings.retryDelaySeconds,
    pollTimeoutSeconds: settings.pollTimeoutSeconds,
    stopTimeoutMs: settings.stopTimeoutMs,
  });
}
