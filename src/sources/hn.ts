import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { ITEM_SLICE, checkStatus, parseJson, readItems, yieldToLoop } from './api-response.js';
import { htmlToText } from './html-text.js';
import { keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { noArgument } from './arg-error.js';
import { partialReadLog } from './partial-read.js';

export interface HnSettings {
  /** VIGIE_HN_URL: Algolia HN Search API base, default https://hn.algolia.com. */
  hnUrl: string;
  /** Pages of 100 hits per keyword and poll. */
  hnMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** About 10,000 requests per hour per IP (community figure; Algolia publishes none). */
export const HN_RATE_RULES: readonly RateRule[] = [{ per: 'host', requests: 10_000, windowMs: 3_600_000 }];

const FIRST_POLL_LOOKBACK_S = 24 * 3600;

/** Newest creation second seen, and the items seen at that second (the filter is inclusive). */
const HnCursorSchema = z.object({ since: z.number().int(), ids: z.array(z.string()) });
type HnCursor = z.infer<typeof HnCursorSchema>;

const HitSchema = z.object({
  objectID: z.string(),
  created_at_i: z.number(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  story_title: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  points: z.number().nullish(),
  num_comments: z.number().nullish(),
});
/** The page's envelope; its hits are read one by one (`readItems`). */
const SearchSchema = z.object({ hits: z.array(z.unknown()), page: z.number(), nbPages: z.number() });

function mentionOf(hit: z.infer<typeof HitSchema>): Mention {
  const title = hit.title ?? hit.story_title ?? undefined;
  const body = htmlToText(hit.comment_text ?? hit.story_text ?? '');
  return {
    id: `hn:${hit.objectID}`,
    sourceKind: 'hn',
    url: `https://news.ycombinator.com/item?id=${hit.objectID}`,
    author: hit.author ?? '',
    // A story's words are its title; a comment's are its own text.
    text: hit.comment_text ? body : [hit.title, body].filter(Boolean).join('\n'),
    ...(title ? { title } : {}),
    publishedAt: hit.created_at_i * 1000,
    metrics: {
      ...(typeof hit.points === 'number' && hit.points >= 0 ? { likes: hit.points } : {}),
      ...(typeof hit.num_comments === 'number' ? { replies: hit.num_comments } : {}),
    },
  };
}

/** Hacker News stories and comments through Algolia's `search_by_date`, one search per keyword alternative. */
export function createHnSource(settings: HnSettings): Source {
  const maxPages = settings.hnMaxPages ?? 5;
  return {
    kind: 'hn',
    minIntervalMs: 60_000,
    normaliseArg: noArgument('hn'),
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = HnCursorSchema.safeParse(ctx.cursor);
      const cursor: HnCursor = previous.success ? previous.data : { since: Math.floor(ctx.now / 1000) - FIRST_POLL_LOOKBACK_S, ids: [] };
      const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'hn', HN_RATE_RULES);
      const found = new Map<string, { mention: Mention; at: number }>();
      const partial = partialReadLog();
      // Items seen at the cursor's second; a Set, since a burst can put thousands of items in one second.
      const boundary = new Set(cursor.ids);
      for (const keyword of keywordsOf(ctx.plan, 'hn')) {
        for (let page = 0; page < maxPages; page += 1) {
          const params = new URLSearchParams({
            query: keyword,
            tags: '(story,comment)',
            // Quotes and -exclusions, as the hn keyword dialect writes them.
            advancedSyntax: 'true',
            numericFilters: `created_at_i>=${cursor.since}`,
            hitsPerPage: '100',
            page: String(page),
          });
          const res = await http.request(`${settings.hnUrl}/api/v1/search_by_date?${params}`, ctx.signal ? { signal: ctx.signal } : {});
          checkStatus(res, 'hn', ctx.now);
          const body = await parseJson(res, SearchSchema, 'hn');
          for (const [index, hit] of (await readItems(body.hits, HitSchema, 'hn', partial)).entries()) {
            if (index > 0 && index % ITEM_SLICE === 0) await yieldToLoop();
            if (hit.created_at_i === cursor.since && boundary.has(hit.objectID)) continue;
            found.set(hit.objectID, { mention: mentionOf(hit), at: hit.created_at_i });
          }
          if (body.page + 1 >= body.nbPages) break;
        }
      }
      let next = { since: cursor.since, ids: [...cursor.ids] };
      for (const [id, { at }] of found) {
        if (at > next.since) next = { since: at, ids: [id] };
        else if (at === next.since) next.ids.push(id);
      }
      const read = partial.result();
      return { mentions: [...found.values()].map((f) => f.mention), cursor: next, ...(read ? { partial: read } : {}) };
    },
  };
}
