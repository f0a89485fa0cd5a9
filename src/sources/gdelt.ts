import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { checkStatus, parseJson, readItems } from './api-response.js';
import { redactedExcerpt } from '../secret-text.js';
import type { HttpClient } from './http.js';
import { keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { noArgument } from './arg-error.js';
import { type PartialReadLog, partialReadLog } from './partial-read.js';

export interface GdeltSettings {
  /** VIGIE_GDELT_URL: GDELT API base, default https://api.gdeltproject.org. */
  gdeltUrl: string;
  /** Windows of 250 articles per query and poll (GDELT has no paging: older windows are asked for). */
  gdeltMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** GDELT asks for one request every 5 seconds per client. */
export const GDELT_RATE_RULES: readonly RateRule[] = [{ per: 'host', requests: 1, windowMs: 5_000 }];

const MAX_RECORDS = 250;
const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
const MAX_QUERIES = 3;

const ArticleSchema = z.object({
  url: z.string(),
  title: z.string().optional(),
  seendate: z.string().regex(/^\d{8}T\d{6}Z$/),
  domain: z.string().optional(),
  language: z.string().optional(),
  sourcecountry: z.string().optional(),
});
export type GdeltArticle = z.infer<typeof ArticleSchema>;
// GDELT answers `{}` when nothing matches. Articles are read one by one (`readItems`).
const ArtListSchema = z.object({ articles: z.array(z.unknown()).optional() });

const GdeltCursorSchema = z.object({ since: z.number(), urls: z.array(z.string()) });
type GdeltCursor = z.infer<typeof GdeltCursorSchema>;

const LANGUAGES: Record<string, string> = {
  english: 'en',
  french: 'fr',
  spanish: 'es',
  german: 'de',
  italian: 'it',
  portuguese: 'pt',
  arabic: 'ar',
  dutch: 'nl',
  russian: 'ru',
  chinese: 'zh',
  japanese: 'ja',
  turkish: 'tr',
  polish: 'pl',
  korean: 'ko',
  hindi: 'hi',
  indonesian: 'id',
};

/** `20261127T113000Z` → epoch ms. */
export function seenAt(seendate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(seendate);
  if (!m) throw new SourceError('malformed', `gdelt: unreadable seendate "${seendate}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** epoch ms → `YYYYMMDDHHMMSS`, the form of startdatetime / enddatetime. */
function gdeltTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Articles of one DOC 2.0 query seen since `sinceMs`, newest first, walking back through windows of 250
 * when a window is full. Used by `gdelt` and by `petitions` (with `domainis:` restrictions).
 */
export async function searchGdelt(
  http: HttpClient,
  baseUrl: string,
  query: string,
  sinceMs: number,
  options: { now: number; maxPages: number; signal?: AbortSignal; partial: PartialReadLog },
): Promise<GdeltArticle[]> {
  const articles: GdeltArticle[] = [];
  let until: number | undefined;
  for (let page = 0; page < options.maxPages; page += 1) {
    const params = new URLSearchParams({
      query,
      mode: 'artlist',
      format: 'json',
      sort: 'datedesc',
      maxrecords: String(MAX_RECORDS),
      startdatetime: gdeltTime(sinceMs),
    });
    if (until !== undefined) params.set('enddatetime', gdeltTime(until));
    const res = await http.request(`${baseUrl}/api/v2/doc/doc?${params}`, options.signal ? { signal: options.signal } : {});
    checkStatus(res, 'gdelt', options.now);
    const text = res.body.trim();
    // GDELT reports errors as plain text with status 200 (query too short, rate limit…).
    if (/^please limit requests/i.test(text)) {
      throw new SourceError('rate_limited', 'gdelt asked to slow down', { retryAfterMs: 5_000, upstream: redactedExcerpt(text) });
    }
    // GDELT's plain-text answers (query too short, …) stay in the logs: an upstream body is never shown in chat.
    if (!text.startsWith('{')) throw new SourceError('malformed', 'gdelt answered with text instead of JSON', { upstream: redactedExcerpt(text) });
    const batch = await readItems((await parseJson(res, ArtListSchema, 'gdelt')).articles ?? [], ArticleSchema, 'gdelt', options.partial);
    // Not push(...batch): a hostile page of 150,000 small items fits the JSON budget and would overflow the call stack.
    for (const article of batch) articles.push(article);
    const oldest = batch.at(-1);
    if (batch.length < MAX_RECORDS || !oldest) break;
    const oldestAt = seenAt(oldest.seendate);
    if (oldestAt <= sinceMs || (until !== undefined && oldestAt >= until)) break;
    until = oldestAt;
  }
  return articles;
}

export function articleMention(article: GdeltArticle, kind: 'gdelt' | 'petitions'): Mention {
  const lang = article.language ? LANGUAGES[article.language.toLowerCase()] : undefined;
  return {
    id: `${kind}:${article.url}`,
    sourceKind: kind,
    url: article.url,
    author: article.domain ?? new URL(article.url).hostname,
    text: article.title ?? '',
    ...(article.title ? { title: article.title } : {}),
    ...(lang ? { lang } : {}),
    publishedAt: seenAt(article.seendate),
  };
}

/** News in 65 languages through the GDELT DOC 2.0 article list. */
export function createGdeltSource(settings: GdeltSettings): Source {
  const maxPages = settings.gdeltMaxPages ?? 2;
  return {
    kind: 'gdelt',
    minIntervalMs: 300_000,
    normaliseArg: noArgument('gdelt'),
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = GdeltCursorSchema.safeParse(ctx.cursor);
      const cursor: GdeltCursor = previous.success ? previous.data : { since: ctx.now - FIRST_POLL_LOOKBACK_MS, urls: [] };
      const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'gdelt', GDELT_RATE_RULES);
      const found = new Map<string, Mention>();
      const partial = partialReadLog();
      for (const query of keywordsOf(ctx.plan, 'gdelt', MAX_QUERIES)) {
        const articles = await searchGdelt(http, settings.gdeltUrl, query, cursor.since, {
          now: ctx.now,
          maxPages,
          partial,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        for (const article of articles) {
          const mention = articleMention(article, 'gdelt');
          if (mention.publishedAt < cursor.since || (mention.publishedAt === cursor.since && cursor.urls.includes(article.url))) continue;
          found.set(article.url, mention);
        }
      }
      let next = cursor;
      for (const m of found.values()) {
        if (m.publishedAt > next.since) next = { since: m.publishedAt, urls: [m.url] };
        else if (m.publishedAt === next.since) next = { since: next.since, urls: [...next.urls, m.url] };
      }
      const read = partial.result();
      return { mentions: [...found.values()], cursor: next, ...(read ? { partial: read } : {}) };
    },
  };
}
