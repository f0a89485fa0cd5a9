import type { MessageKey, Nested } from '../i18n/catalog.js';
import { SourceError } from '../core/source-error.js';
import type { SourceErrorCode } from '../core/source-error.js';

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

/** The error in the reader's language; the technical detail (host, HTTP status, parser message) stays as it came. */
export function sourceErrorMessage(code: string, detail: string): Nested {
  const key = (SOURCE_ERRORS as Record<string, MessageKey | undefined>)[code] ?? 'src.error.other';
  return { key, params: { detail } };
}

/** What to tell the user about a failed fetch or a refused argument. */
export function sourceErrorText(error: unknown): Nested {
  if (error instanceof SourceError) return error.text ?? sourceErrorMessage(error.code, error.message);
  return { key: 'src.error.other', params: { detail: error instanceof Error ? error.message : String(error) } };
}
