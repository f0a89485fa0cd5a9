import type { Server } from 'node:http';
import express from 'express';
import type { Logger } from './log.js';

export interface HealthChecks {
  /** Throws when the store cannot be reached. */
  store(): Promise<void>;
  schedulerRunning(): boolean;
}

/**
 * The one HTTP server of a Vigie process: health checks here, and the platforms mount their routes on the same
 * app (Slack at /slack/events, Teams at /api/messages), so both run on one port.
 */
export function createHttpApp(health: HealthChecks, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await health.store();
      checks.store = 'ok';
    } catch (error) {
      checks.store = error instanceof Error ? error.message : 'unreachable';
      logger.warn('readiness: store unreachable', { error });
    }
    checks.scheduler = health.schedulerRunning() ? 'ok' : 'stopped';
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return app;
}

/** Listen on `port` (0 picks a free one) and `host`; resolves with the server once it listens. */
export function listen(app: express.Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
