import type { z } from 'zod';
import type { HttpResponse } from './http.js';
import type { PartialReadLog } from './partial-read.js';
import { retryAfterMsOf } from './politeness.js';
import { overJsonBudget } from './json-budget.js';
import { parseJsonText } from './json-off-thread.js';
import { SourceError } from '../core/source-error.js';
import { redactedExcerpt } from '../secret-text.js';

/** Items checked against their schema (or turned into mentions) between two turns of the event loop. */
export const ITEM_SLICE = 1_000;

/** Let waiting I/O (a chat command, a signal) run before going on with a long loop over an answer's items. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** When a platform says "slow down" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A short, single-line excerpt of a body for error messages (never the whole page). */
export function excerpt(body: string, max = 160): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * Turn a non-2xx answer into the error the scheduler and `status` act on: 429 → rate_limited (with the
 * platform's delay), 401/403 → unauthorized naming the setting to check, anything else → http_status (5xx carry Retry-After too).
 */
export function checkStatus(res: HttpResponse, label: string, now: number, credentialHint?: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const host = hostOf(res.url);
  if (res.status === 429) {
    const retryAfterMs = retryAfterMsOf(res.headers, now) ?? DEFAULT_RETRY_AFTER_MS;
    throw new SourceError('rate_limited', `${label}: ${host} rate-limited us (HTTP 429); next try in ${Math.ceil(retryAfterMs / 1000)} s`, {
      status: 429,
      retryAfterMs,
    });
  }
  if (res.status === 401 || res.status === 403) {
    const hint = credentialHint ? `; check ${credentialHint}` : '';
    throw new SourceError('unauthorized', `${label}: ${host} refused the credentials (HTTP ${res.status})${hint}`, {
      status: res.status,
      upstream: redactedExcerpt(res.body),
    });
  }
  const retryAfterMs = res.status >= 500 ? retryAfterMsOf(res.headers, now) : undefined;
  throw new SourceError('http_status', `${label}: HTTP ${res.status} from ${host}`, {
    status: res.status,
    upstream: redactedExcerpt(res.body),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * Parse a JSON body against the platform's schema; anything else is `malformed`, with what was wrong. An answer
 * over the JSON budget (depth, count of values: `json-budget.ts`) is `too_large` and never parsed. A big answer is
 * parsed in a worker thread (`json-off-thread.ts`), keeping the event loop free for commands meanwhile.
 */
export async function parseJson<S extends z.ZodType>(res: HttpResponse, schema: S, label: string): Promise<z.infer<S>> {
  const over = await overJsonBudget(res.body);
  if (over !== undefined) {
    throw new SourceError('too_large', `${label}: the answer from ${hostOf(res.url)} holds ${over}; refused to keep memory bounded`);
  }
  let data: unknown;
  try {
    data = await parseJsonText(res.body);
  } catch (cause) {
    throw new SourceError('malformed', `${label}: the answer from ${hostOf(res.url)} is not JSON`, { cause, upstream: redactedExcerpt(res.body) });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new SourceError('malformed', `${label}: unexpected answer from ${hostOf(res.url)}${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The items of a page, each checked on its own: a malformed item is skipped and reported in `partial` (with
 * its position and what was wrong), the others are kept — a billed page is never thrown away for one item.
 * When no item at all can be read, the answer is not what the platform documents (its format changed):
 * that is `malformed`, not a page of skipped items. Checked in slices, giving the event loop a turn between two:
 * a page of 100,000 items must not hold the bot (about 2 ms per slice).
 */
export async function readItems<S extends z.ZodType>(
  items: readonly unknown[],
  schema: S,
  label: string,
  partial: PartialReadLog,
): Promise<Array<z.infer<S>>> {
  const good: Array<z.infer<S>> = [];
  const reasons: string[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % ITEM_SLICE === 0) await yieldToLoop();
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      good.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    reasons.push(`${label}: item ${index + 1}${itemId(item)} skipped${where}: ${issue?.message ?? 'invalid'}`);
  }
  if (items.length > 0 && good.length === 0) {
    throw new SourceError('malformed', `none of the ${items.length} items could be read (${reasons[0]})`);
  }
  for (const reason of reasons) partial.skip(reason);
  return good;
}

function itemId(item: unknown): string {
  if (item === null || typeof item !== 'object') return '';
  for (const key of ['id', 'objectID', 'uri', 'url', 'name']) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') return ` (${excerpt(String(value), 60)})`;
  }
  return '';
}

/** A date the platform sent, in epoch ms; an unparseable one makes the whole answer malformed. */
export function epochMs(value: string, label: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SourceError('malformed', `${label}: unreadable date "${excerpt(value, 40)}"`);
  return ms;
}
