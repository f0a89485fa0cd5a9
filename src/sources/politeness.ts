import type { SourceKind } from '../core/mention.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http.js';
import { parseRetryAfter } from './http-status.js';
import { SourceError } from '../core/source-error.js';

/**
 * A platform's published request limit, declared by each kind. `host` limits count every request to one host
 * (all plans together, since the platform sees one IP); `credential` limits count requests made with one
 * API credential, wherever they go.
 */
export interface RateRule {
  per: 'host' | 'credential';
  requests: number;
  windowMs: number;
}

/**
 * Delay the platform asked for: `Retry-After` (seconds or HTTP date) first, then the reset headers the
 * platforms send on 429 (`x-rate-limit-reset` on X and `ratelimit-reset` on Bluesky are epoch seconds,
 * `x-ratelimit-reset` on Reddit is seconds from now).
 */
export function retryAfterMsOf(headers: Headers, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  for (const name of ['x-rate-limit-reset', 'ratelimit-reset', 'x-ratelimit-reset']) {
    const value = headers.get(name);
    if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) continue;
    const n = Number(value);
    // Epoch seconds are > 1e9; smaller figures are a number of seconds to wait.
    return n > 1e9 ? Math.max(0, Math.ceil(n * 1000 - now)) : Math.ceil(n * 1000);
  }
  return undefined;
}

export interface Limiter {
  /**
   * The client a source of `kind` uses: each request is counted against the kind's rules; a request that
   * would break a rule, or go to a host or credential that asked us to wait (429/503 with a delay), waits if
   * the wait is short and is otherwise refused with `rate_limited` and the delay, without touching the network.
   */
  client(http: HttpClient, kind: SourceKind, rules: readonly RateRule[], credential?: string): HttpClient;
  /** Earliest time a source of this kind may poll again, for the scheduler; undefined when it may poll now. */
  notBefore(kind: SourceKind): number | undefined;
}

export interface LimiterOptions {
  /** A request that must wait less than this waits; a longer wait is refused with `rate_limited`. */
  maxWaitMs?: number;
  clock?: () => number;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One limiter per process, shared by every source, so that all plans together stay within each platform's limits. */
export function createLimiter(options: LimiterOptions = {}): Limiter {
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const clock = options.clock ?? Date.now;
  const sent = new Map<string, number[]>();
  const blockedUntil = new Map<string, number>();
  const keysOfKind = new Map<SourceKind, Set<string>>();

  // Two kinds may declare different limits on one host: each limit counts its own requests.
  const windowKey = (key: string, rule: RateRule): string => `${key}|${rule.requests}/${rule.windowMs}`;
  const keyOf = (rule: Pick<RateRule, 'per'>, host: string, credential: string | undefined): string | undefined =>
    rule.per === 'host' ? `host|${host}` : credential !== undefined ? `credential|${credential}` : undefined;

  /** Milliseconds to wait before a request may go (a platform's own delay, then the declared limits), and why. */
  function waitFor(blockKeys: string[], limits: Array<{ key: string; rule: RateRule }>, now: number): { ms: number; reason: string } {
    let ms = 0;
    let reason = '';
    for (const key of blockKeys) {
      const until = blockedUntil.get(key) ?? 0;
      if (until - now > ms) {
        ms = until - now;
        reason = `${key.split('|')[1]} asked us to wait`;
      }
    }
    for (const { key, rule } of limits) {
      const times = (sent.get(windowKey(key, rule)) ?? []).filter((t) => t > now - rule.windowMs);
      sent.set(windowKey(key, rule), times);
      const oldest = times[times.length - rule.requests];
      if (oldest !== undefined && oldest + rule.windowMs - now > ms) {
        ms = oldest + rule.windowMs - now;
        reason = `limit of ${rule.requests} requests per ${Math.round(rule.windowMs / 1000)} s for ${key.split('|')[1]} reached`;
      }
    }
    return { ms, reason };
  }

  return {
    client(http, kind, rules, credential) {
      return {
        async request(url: string, init: HttpRequest = {}): Promise<HttpResponse> {
          const host = new URL(url).host;
          const limits: Array<{ key: string; rule: RateRule }> = [];
          for (const rule of rules) {
            const key = keyOf(rule, host, credential);
            if (key !== undefined) limits.push({ key, rule });
          }
          // A 429 blocks the host (and credential) even for kinds that declared no limit for it.
          const blockKeys = [`host|${host}`, ...(credential !== undefined ? [`credential|${credential}`] : [])];
          const known = keysOfKind.get(kind) ?? new Set<string>();
          for (const key of blockKeys) known.add(key);
          keysOfKind.set(kind, known);
          const wait = waitFor(blockKeys, limits, clock());
          if (wait.ms > maxWaitMs) {
            throw new SourceError('rate_limited', `${kind}: ${wait.reason}; next request in ${Math.ceil(wait.ms / 1000)} s`, {
              retryAfterMs: wait.ms,
            });
          }
          if (wait.ms > 0) await sleep(wait.ms, init.signal);
          for (const { key, rule } of limits) sent.get(windowKey(key, rule))?.push(clock());
          const res = await http.request(url, init);
          if (res.status === 429 || res.status === 503) {
            const delay = retryAfterMsOf(res.headers, clock());
            if (delay !== undefined) for (const key of blockKeys) blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, clock() + delay));
          }
          return res;
        },
      };
    },
    notBefore(kind) {
      const now = clock();
      let latest: number | undefined;
      for (const key of keysOfKind.get(kind) ?? []) {
        const until = blockedUntil.get(key);
        if (until !== undefined && until > now && (latest === undefined || until > latest)) latest = until;
      }
      return latest;
    },
  };
}

let shared: Limiter | undefined;

/** The process's limiter: every source that was not handed one counts its requests here. */
export function sharedLimiter(): Limiter {
  shared ??= createLimiter();
  return shared;
}
