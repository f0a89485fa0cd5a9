import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../log.js';
import type { NonceRepo } from '../../store/store.js';

/** Slack signs each request with its timestamp; a signature is honoured for five minutes either side of our clock. */
export const SIGNATURE_WINDOW_S = 5 * 60;
/** Bolt's own limit on a request body (4 MB): the guard reads no more than Bolt would. */
const BODY_LIMIT = '4mb';

export type RequestGuardCode = 'slack_timestamp_future' | 'slack_timestamp_stale' | 'slack_replayed';

function signatureOk(secret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Checks Bolt does not make, in front of its router on the events path: a correctly signed request whose timestamp
 * is more than five minutes ahead is refused (Bolt only refuses old ones), and so is a correctly signed request seen
 * before (its signature is a one-time value, remembered in the store until the signature expires: shared by every
 * instance on PostgreSQL). A request whose signature does not verify is passed on untouched for Bolt to refuse, so
 * that forged requests never fill the replay cache. The body read here is handed to Bolt as `rawBody`.
 */
export function mountRequestGuard(
  app: Application,
  path: string,
  options: { signingSecret: string; nonces: NonceRepo; logger: Logger; now?: () => number },
): void {
  const now = options.now ?? Date.now;
  const refuse = (req: Request, res: Response, code: RequestGuardCode, fields: Record<string, unknown>): void => {
    options.logger.warn('slack request refused', { code, path: req.path, requestId: res.getHeader('x-request-id'), ...fields });
    res.status(401).json({ error: { code } });
  };
  app.post(path, express.raw({ type: () => true, limit: BODY_LIMIT }), async (req: Request, res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    (req as Request & { rawBody?: Buffer }).rawBody = body;
    const timestamp = req.get('x-slack-request-timestamp');
    const signature = req.get('x-slack-signature');
    if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return next();
    if (!signatureOk(options.signingSecret, timestamp, body, signature)) return next();
    const at = now();
    const ts = Number(timestamp);
    const skew = ts - Math.floor(at / 1000);
    if (skew > SIGNATURE_WINDOW_S) return refuse(req, res, 'slack_timestamp_future', { skewSeconds: skew });
    if (skew < -SIGNATURE_WINDOW_S) return refuse(req, res, 'slack_timestamp_stale', { skewSeconds: skew });
    try {
      const fresh = await options.nonces.claim(`slack:${signature}`, (ts + SIGNATURE_WINDOW_S + 1) * 1000, at);
      if (!fresh) return refuse(req, res, 'slack_replayed', { timestamp: ts, retry: req.get('x-slack-retry-num') ?? '' });
    } catch (error) {
      // Without the replay cache a request cannot be checked: refuse it (Slack retries events) rather than risk a replay.
      options.logger.error('slack replay cache unavailable; request refused', { code: 'slack_replay_cache_down', error });
      res.status(503).json({ error: { code: 'slack_replay_cache_down' } });
      return;
    }
    next();
  });
}
