import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { t } from './i18n/catalog.js';
import type { Locale } from './i18n/locale.js';
import type { Logger } from './log.js';
import { redactedExcerpt } from './secret-text.js';

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

/** What a malformed request is answered with, by the body parser's error type. */
const REQUEST_ERRORS: Record<string, { code: string; key: 'security.http.badJson' | 'security.http.tooLarge' }> = {
  'entity.parse.failed': { code: 'bad_json', key: 'security.http.badJson' },
  'entity.too.large': { code: 'body_too_large', key: 'security.http.tooLarge' },
};

/**
 * Express's default error handler answers with the error's stack (outside NODE_ENV=production) as HTML. This one
 * answers JSON `{ error: { code, message, requestId } }` and logs the details server-side with the request's context.
 * Mounted last, once the platforms have added their routes.
 */
export function handleHttpErrors(app: express.Express, logger: Logger, locale: Locale): void {
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const given = (error as { status?: unknown; statusCode?: unknown; type?: unknown }) ?? {};
    const raw = typeof given.status === 'number' ? given.status : typeof given.statusCode === 'number' ? given.statusCode : 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    const known = typeof given.type === 'string' ? REQUEST_ERRORS[given.type] : undefined;
    const code = known?.code ?? (status < 500 ? 'bad_request' : 'internal_error');
    const message = t(locale, known?.key ?? (status < 500 ? 'security.http.badRequest' : 'security.http.internal'));
    const requestId = String(res.getHeader('x-request-id') ?? '');
    const context = { code, status, requestId, method: req.method, path: req.path, contentType: req.get('content-type') ?? '' };
    // A JSON parser's message quotes the start of the body: kept short, and without anything token-like.
    const reason = redactedExcerpt(error instanceof Error ? error.message : String(error), 200);
    if (status < 500) logger.warn('http request refused', { ...context, reason });
    else logger.error('http request failed', { ...context, error });
    res.status(status).json({ error: { code, message, requestId } });
  });
}

/** Why the server could not listen: the address is taken, or another system refusal. */
export class ListenError extends Error {
  readonly code: 'port_in_use' | 'listen_failed';
  constructor(code: ListenError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ListenError';
    this.code = code;
  }
}

/**
 * Listen on `port` (0 picks a free one) and `host`; resolves with the server once it listens, rejects with a
 * ListenError that says what to do (the message in `locale`).
 */
export function listen(app: express.Express, port: number, host = '0.0.0.0', locale: Locale = 'en'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const params = { port, host, code: error.code ?? 'unknown' };
      reject(
        error.code === 'EADDRINUSE'
          ? new ListenError('port_in_use', t(locale, 'security.http.portBusy', params), { cause: error })
          : new ListenError('listen_failed', t(locale, 'security.http.listenFailed', params), { cause: error }),
      );
    });
  });
}
