import type { Logger } from '../log.js';

/**
 * Shutdown has one budget (VIGIE_SHUTDOWN_TIMEOUT) shared by its steps: each step gets what is left of it, and a
 * step that outlasts it is left behind (logged) so that the last step — flushing the store — always runs.
 * `deadline` is a wall-clock time (Date.now), shared by whoever started the shutdown.
 */
export function shutdownBudget(deadline: number, logger: Logger) {
  const timeoutMs = Math.max(0, deadline - Date.now());
  return async (step: string, work: () => Promise<unknown>): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const left = Math.max(0, deadline - Date.now());
    const outlasted = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), left);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([work().then(() => 'done' as const), outlasted]);
      if (outcome === 'late') logger.warn('shutdown step left behind: the shutdown timeout was reached', { step, timeoutMs });
    } catch (error) {
      logger.error('shutdown step failed', { step, error });
    } finally {
      clearTimeout(timer);
    }
  };
}
