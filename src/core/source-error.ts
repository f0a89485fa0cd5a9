import { z } from 'zod';
import type { Nested } from '../i18n/catalog.js';

/** Why a poll failed, with a code users and logs can rely on. */
export type SourceErrorCode =
  | 'timeout'
  | 'too_large'
  | 'http_status'
  | 'malformed'
  | 'blocked_address'
  | 'unreachable'
  | 'unauthorized'
  | 'rate_limited'
  | 'missing_credentials'
  | 'invalid_argument'
  | 'budget_exhausted';

export class SourceError extends Error {
  readonly code: SourceErrorCode;
  /** From `Retry-After` or a platform's reset header. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  /** What to tell the user, from the catalogue; without it the code says what went wrong, with the message as detail. */
  readonly text?: Nested;
  /**
   * What the server said (an excerpt of its body, truncated, secrets hidden): for the logs only. It is kept out of
   * `message`, which is stored with the source's health and shown in chat, where a body that echoes request headers
   * would leak a token into a channel.
   */
  readonly upstream?: string;

  constructor(
    code: SourceErrorCode,
    message: string,
    options: { retryAfterMs?: number; status?: number; cause?: unknown; text?: Nested; upstream?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    if (options.text !== undefined) this.text = options.text;
    if (options.upstream !== undefined) this.upstream = options.upstream;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** A source's last failure as it is stored with its health: the code, when, and the technical detail. */
export const SourceErrorSchema = z.object({
  at: z.number(),
  code: z.string(),
  message: z.string(),
  /** The HTTP status the source answered with, when it answered: chat shows it with a catalogue reason. */
  status: z.number().optional(),
});
export type StoredSourceError = z.infer<typeof SourceErrorSchema>;
