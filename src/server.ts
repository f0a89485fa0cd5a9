import { randomUUID } from 'node:crypto';
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
  // Every request gets an id (the caller's X-Request-Id when it sends a plausible one), echoed back and logged with
  // the request's outcome, so that a reverse proxy's line and ours can be matched.
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.debug('http request', {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
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
