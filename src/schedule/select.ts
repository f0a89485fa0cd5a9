import type { Logger } from '../log.js';
import type { CronScheduler } from './cron.js';
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

/** pg-boss is imported only with a database URL: one process on node-cron never loads it. */
export async function createScheduler(
  settings: SchedulerSettings,
  deps: SchedulerDeps & { logger: Logger; now: () => number; applicationName?: string },
): Promise<CronScheduler> {
  if (!settings.databaseUrl) {
    const { createCronScheduler } = await import('./cron.js');
    return createCronScheduler({ ...deps, stopTimeoutMs: settings.stopTimeoutMs, concurrency: settings.concurrency });
  }
  const { createPgBossScheduler } = await import('./pgboss.js');
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
