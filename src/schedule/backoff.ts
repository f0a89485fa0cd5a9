/** Exponential back-off for a failing source, capped; a server's Retry-After wins when it asks for longer. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000 };

export function nextAttemptAt(
  now: number,
  consecutiveFailures: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 20));
  return now + Math.max(backoff, retryAfterMs ?? 0);
}
