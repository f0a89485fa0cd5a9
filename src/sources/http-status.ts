import type { HttpResponse } from './http.js';
import { SourceError } from '../core/source-error.js';

/**
 * What an HTTP status means for a poll, shared by every source that speaks HTTP: the client never throws on
 * a status, each source calls this after handling the statuses it understands (304, a platform's 404…).
 * `label` names the source in the message, e.g. "the feed https://…".
 */
export function statusError(response: HttpResponse, label: string, now: number): SourceError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  if (status === 401 || status === 403) {
    return new SourceError('unauthorized', `${label} refused access (HTTP ${status}): it needs credentials or is private`, { status });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    const when = retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(retryAfterMs / 1000)} s`;
    return new SourceError('rate_limited', `${label} is rate-limiting Vigie (HTTP 429)${when}`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const hint = status === 404 || status === 410 ? ': check the address' : status >= 500 ? ': a server error, retried later' : '';
  return new SourceError('http_status', `${label} answered HTTP ${status}${hint}`, { status });
}

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
