import type { MessageKey, Nested } from '../i18n/catalog.js';
import { SourceError } from '../core/source-error.js';
import type { SourceErrorCode } from '../core/source-error.js';
import { redactSecrets } from '../secret-text.js';

const SOURCE_ERRORS: Record<SourceErrorCode, MessageKey> = {
  timeout: 'src.error.timeout',
  too_large: 'src.error.too_large',
  http_status: 'src.error.http_status',
  malformed: 'src.error.malformed',
  blocked_address: 'src.error.blocked_address',
  unreachable: 'src.error.unreachable',
  unauthorized: 'src.error.unauthorized',
  rate_limited: 'src.error.rate_limited',
  missing_credentials: 'src.error.missing_credentials',
  invalid_argument: 'src.error.invalid_argument',
  budget_exhausted: 'src.error.budget_exhausted',
};

/** Longest technical detail shown in chat: a reason, not a page. */
const MAX_DETAIL = 200;

/** The short catalogue reason of an HTTP status. */
function statusReason(status: number): MessageKey {
  if (status === 401 || status === 403) return 'security.upstream.refused';
  if (status === 404 || status === 410) return 'security.upstream.notFound';
  if (status === 408 || status === 504) return 'security.upstream.timeout';
  if (status === 429) return 'security.upstream.rateLimited';
  if (status >= 500) return 'security.upstream.serverError';
  return 'security.upstream.refusedRequest';
}

/** A technical detail fit for a channel: one line, bounded, with anything token-like hidden. */
export function chatDetail(text: string): string {
  const line = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/**
 * The error in the reader's language. A source that answered with an HTTP status is shown as that status and a
 * catalogue reason, never with what its body said (which only the logs keep); otherwise the technical detail
 * (host, parser message) is shown bounded and with token-like strings hidden.
 */
export function sourceErrorMessage(code: string, detail: string, status?: number): Nested {
  const key = (SOURCE_ERRORS as Record<string, MessageKey | undefined>)[code] ?? 'src.error.other';
  if (status !== undefined)
    return { key, params: { detail: { key: 'security.upstream.http', params: { status, reason: { key: statusReason(status) } } } } };
  return { key, params: { detail: chatDetail(detail) } };
}

/** What to tell the user about a failed fetch or a refused argument. */
export function sourceErrorText(error: unknown): Nested {
  if (error instanceof SourceError) return error.text ?? sourceErrorMessage(error.code, error.message, error.status);
  return { key: 'src.error.other', params: { detail: chatDetail(error instanceof Error ? error.message : String(error)) } };
}
