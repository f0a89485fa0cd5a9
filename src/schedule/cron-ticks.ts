import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

/** node-cron's own logger interface (not exported by the package). */
interface CronLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, err?: Error): void;
  debug(message: string | Error, err?: Error): void;
}

/**
 * node-cron writes to the console by default, which in local mode is the user's terminal, and warns on every
 * second a tick overruns. A tick that overruns is expected (polls outlast a short cron), so it is a debug line in
 * Vigie's JSON log; real errors stay errors.
 */
export function cronLogger(logger: Logger): CronLogger {
  const text = (message: string | Error): string => (message instanceof Error ? message.message : message);
  return {
    info: (message) => logger.debug(`node-cron: ${message}`),
    warn: (message) => logger.debug(`node-cron: ${message}`),
    debug: (message) => logger.debug(`node-cron: ${text(message)}`),
    error: (message, err) => logger.error(`node-cron: ${text(message)}`, { error: err ?? message }),
  };
}

/** A cron that calls `tick`, never two at once (a tick that outlasts its period skips the next ones). */
export interface CronTicks {
  stop(): Promise<void>;
  nextRunAt(): number | undefined;
}

export function startCronTicks(expression: string, name: string, logger: Logger, tick: () => unknown): CronTicks {
  const task: ScheduledTask = cron.schedule(expression, () => tick(), { name, noOverlap: true, logger: cronLogger(logger) });
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
    nextRunAt: () => task.getNextRun()?.getTime(),
  };
}
