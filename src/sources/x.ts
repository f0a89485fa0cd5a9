import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { checkStatus, parseJson, readItems } from './api-response.js';
import { currentUsage, nextUtcMidnight, pacedNotBefore } from './budget.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import { xQueryOf } from './plan-query.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { noArgument } from './arg-error.js';
import { partialReadLog } from './partial-read.js';

export interface XSettings {
  /** VIGIE_X_URL: API base, default https://api.x.com. */
  xUrl: string;
  /** X_BEARER_TOKEN: app-only bearer token; the source is disabled without it. */
  xBearerToken?: string;
  /** X_DAILY_READS: posts one plan may read per UTC day (X bills each post read). */
  xDailyReads: number;
  /** Pages of up to 100 posts per poll. */
  xMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** Recent search, app-only auth: 450 requests per 15 minutes per app. */
export const X_RATE_RULES: readonly RateRule[] = [{ per: 'credential', requests: 450, windowMs: 15 * 60_000 }];

// X refuses max_results below 10: with fewer reads left the budget is treated as spent.
const MIN_PAGE = 10;
const MAX_PAGE = 100;

const XCursorSchema = z.object({ sinceId: z.string().regex(/^\d+$/) });
type XCursor = z.infer<typeof XCursorSchema>;

const count = z.number().int().nonnegative().optional();
const PostSchema = z.object({
  id: z.string().regex(/^\d+$/, 'not a post id'),
  text: z.string(),
  // Requested with tweet.fields; a post without it still has its time in its id (see `postTime`).
  created_at: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'unreadable date')
    .optional(),
  author_id: z.string().optional(),
  lang: z.string().optional(),
  public_metrics: z.object({ retweet_count: count, reply_count: count, like_count: count, quote_count: count, impression_count: count }).optional(),
});
type Post = z.infer<typeof PostSchema>;
const UserSchema = z.object({ id: z.string(), username: z.string(), public_metrics: z.object({ followers_count: z.number() }).optional() });
type User = z.infer<typeof UserSchema>;

/** The page's envelope; its posts and users are read one by one (`readItems`), so one bad post does not lose the page. */
const XSearchSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  meta: z.object({ result_count: z.number(), newest_id: z.string().optional(), next_token: z.string().optional() }),
});

/** Posts ids are snowflakes: their top bits are milliseconds since X's epoch (2010-11-04). */
const SNOWFLAKE_EPOCH_MS = 1_288_834_974_657n;

function newer(a: string, b: string | undefined): boolean {
  return b === undefined || BigInt(a) > BigInt(b);
}

/** `created_at`, else the time in the post's id; never later than now (a wrong clock lands nothing in the future). */
export function postTime(post: Pick<Post, 'id' | 'created_at'>, now: number): number {
  if (post.created_at !== undefined) return Math.min(Date.parse(post.created_at), now);
  const fromId = Number((BigInt(post.id) >> 22n) + SNOWFLAKE_EPOCH_MS);
  return Math.min(fromId, now);
}

function mentionsOf(posts: Post[], users: Map<string, User>, now: number): Mention[] {
  return posts.map((post) => {
    const user = post.author_id !== undefined ? users.get(post.author_id) : undefined;
    const m = post.public_metrics;
    const followers = user?.public_metrics?.followers_count;
    return {
      id: `x:${post.id}`,
      sourceKind: 'x',
      url: user ? `https://x.com/${user.username}/status/${post.id}` : `https://x.com/i/web/status/${post.id}`,
      author: user ? `@${user.username}` : (post.author_id ?? ''),
      text: post.text,
      // X tags undetermined languages "und" and special content "qme", "zxx"…: those are not languages.
      ...(post.lang && /^[a-z]{2}$/.test(post.lang) ? { lang: post.lang } : {}),
      publishedAt: postTime(post, now),
      metrics: {
        ...(m?.like_count !== undefined ? { likes: m.like_count } : {}),
        ...(m?.retweet_count !== undefined ? { reposts: m.retweet_count } : {}),
        ...(m?.reply_count !== undefined ? { replies: m.reply_count } : {}),
        ...(m?.quote_count !== undefined ? { quotes: m.quote_count } : {}),
        ...(m?.impression_count !== undefined ? { views: m.impression_count } : {}),
        ...(followers !== undefined ? { followers } : {}),
      },
    } satisfies Mention;
  });
}

/** X API v2 recent search (last 7 days), read-budgeted per plan and per UTC day. */
export function createXSource(settings: XSettings): Source {
  const maxPages = settings.xMaxPages ?? 5;
  return {
    kind: 'x',
    minIntervalMs: 60_000,
    normaliseArg: noArgument('x'),
    missingSettings: () => (settings.xBearerToken ? [] : ['X_BEARER_TOKEN']),
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const token = settings.xBearerToken;
      if (!token) throw new SourceError('missing_credentials', 'x: set X_BEARER_TOKEN to search X');
      const usage = currentUsage(ctx.health.usage, settings.xDailyReads, ctx.now, nextUtcMidnight(ctx.now));
      if (usage.limit - usage.used < MIN_PAGE) {
        throw new SourceError('budget_exhausted', `x: the daily budget of ${usage.limit} reads is spent; it resets at 00:00 UTC`, {
          retryAfterMs: usage.resetsAt - ctx.now,
        });
      }
      const previous = XCursorSchema.safeParse(ctx.cursor);
      const since: XCursor | undefined = previous.success ? previous.data : undefined;
      const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'x', X_RATE_RULES, 'X_BEARER_TOKEN');
      const mentions: Mention[] = [];
      const partial = partialReadLog();
      let newest = since?.sinceId;
      let nextToken: string | undefined;
      // A first poll reads one page only: the backlog of 7 days would spend the budget on history.
      const pages = since ? maxPages : 1;
      for (let page = 0; page < pages; page += 1) {
        const left = usage.limit - usage.used;
        if (left < MIN_PAGE) break;
        const params = new URLSearchParams({
          query: xQueryOf(ctx.plan),
          max_results: String(Math.min(MAX_PAGE, left)),
          'tweet.fields': 'created_at,public_metrics,lang,author_id',
          expansions: 'author_id',
          'user.fields': 'public_metrics,username',
        });
        if (since) params.set('since_id', since.sinceId);
        if (nextToken) params.set('next_token', nextToken);
        let body: z.infer<typeof XSearchSchema>;
        try {
          const res = await http.request(`${settings.xUrl}/2/tweets/search/recent?${params}`, {
            headers: { authorization: `Bearer ${token}` },
            ...(ctx.signal ? { signal: ctx.signal } : {}),
          });
          checkStatus(res, 'x', ctx.now, 'X_BEARER_TOKEN');
          body = await parseJson(res, XSearchSchema, 'x');
        } catch (error) {
          // Reads already made are billed: keep them and their posts rather than lose both.
          if (page > 0) break;
          throw error;
        }
        usage.used += body.data?.length ?? 0;
        const users = await readItems(body.includes?.users ?? [], UserSchema, 'x (users)', partial);
        const posts = await readItems(body.data ?? [], PostSchema, 'x', partial);
        // Not push(...): a hostile page of 150,000 small items fits the JSON budget and would overflow the call stack.
        for (const mention of mentionsOf(posts, new Map(users.map((u) => [u.id, u])), ctx.now)) mentions.push(mention);
        if (body.meta.newest_id && newer(body.meta.newest_id, newest)) newest = body.meta.newest_id;
        nextToken = body.meta.next_token;
        if (!nextToken) break;
      }
      const notBefore = pacedNotBefore(usage, ctx.now);
      const read = partial.result();
      return {
        mentions,
        ...(read ? { partial: read } : {}),
        ...(newest !== undefined ? { cursor: { sinceId: newest } satisfies XCursor } : {}),
        usage,
        ...(notBefore !== undefined ? { notBefore } : {}),
      };
    },
  };
}
