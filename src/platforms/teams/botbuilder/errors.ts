import { TeamsTransportError, type TeamsTransportErrorCode } from '../port.js';

/** The shape of the REST errors botbuilder's connector throws (`@azure/core-rest-pipeline` RestError). */
interface RestErrorLike {
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

function retryAfterMs(error: RestErrorLike): number | undefined {
  const header = error.response?.headers?.get?.('retry-after');
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function codeFor(status: number | undefined): TeamsTransportErrorCode {
  if (status === undefined) return 'unavailable';
  if (status === 429) return 'throttled';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  // 412 is what Teams answers to concurrent writes in one conversation; it asks for a retry like a 5xx.
  if (status === 412 || status >= 500) return 'unavailable';
  return 'rejected';
}

/** Classify any error out of a botbuilder connector call. A call without an HTTP status never reached Teams. */
export function toTransportError(error: unknown, operation: string): TeamsTransportError {
  if (error instanceof TeamsTransportError) return error;
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  const status = rest.statusCode ?? rest.response?.status;
  const message = `${operation} failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${rest.message ?? String(error)}`;
  const options: { status?: number; retryAfterMs?: number; cause: unknown } = { cause: error };
  if (status !== undefined) options.status = status;
  const wait = retryAfterMs(rest);
  if (wait !== undefined) options.retryAfterMs = wait;
  return new TeamsTransportError(codeFor(status), message, options);
}
