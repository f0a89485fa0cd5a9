import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import type { Plan } from '../core/plan.js';
import { checkStatus, parseJson, readItems } from './api-response.js';
import { parseFeed } from './feed-parser.js';
import type { HttpClient } from './http.js';
import { htmlToText } from './html-text.js';
import { keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { argError } from './arg-error.js';
import { type PartialReadLog, partialReadLog } from './partial-read.js';

export interface RedditSettings {
  /** VIGIE_REDDIT_URL: public site (RSS, OAuth token endpoint), default https://www.reddit.com. */
  redditUrl: string;
  /** VIGIE_REDDIT_OAUTH_URL: OAuth API base, default https://oauth.reddit.com. */
  redditOauthUrl: string;
  /** REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET: optional script-app credentials; they add scores and comment counts. */
  redditClientId?: string;
  redditClientSecret?: string;
  /** REDDIT_USER_AGENT: Reddit blocks generic agents; default `nodejs:vigie:0.1 (self-hosted crisis watch)`. */
  redditUserAgent?: string;
  /** Pages of 100 posts per poll (OAuth only; RSS has one page). */
  redditMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** 10 requests per minute without OAuth (per IP), 100 per minute per OAuth client. */
export const REDDIT_RSS_RULES: readonly RateRule[] = [{ per: 'host', requests: 10, windowMs: 60_000 }];
export const REDDIT_OAUTH_RULES: readonly RateRule[] = [{ per: 'credential', requests: 100, windowMs: 60_000 }];

const DEFAULT_USER_AGENT = 'nodejs:vigie:0.1 (self-hosted crisis watch)';
const CREDENTIALS = 'REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET';

const TokenSchema = z.object({ access_token: z.string(), expires_in: z.number() });
/** The listing's envelope; its children are read one by one (`readItems`), so one odd post does not lose the page. */
const ListingSchema = z.object({ data: z.object({ after: z.string().nullish(), children: z.array(z.unknown()) }) });
const ChildSchema = z.object({
  data: z.object({
    name: z.string(),
    title: z.string().optional(),
    selftext: z.string().optional(),
    body: z.string().optional(),
    author: z.string(),
    permalink: z.string(),
    created_utc: z.number(),
    score: z.number().optional(),
    num_comments: z.number().optional(),
  }),
});
type Post = z.infer<typeof ChildSchema>['data'];

/** Newest post time seen (ms) and the fullnames seen at that time. */
const RedditCursorSchema = z.object({ since: z.number(), ids: z.array(z.string()) });
type RedditCursor = z.infer<typeof RedditCursorSchema>;

/** `r/name` from `name`, `r/name`, `/r/name/` or a subreddit URL. */
export function subredditOf(arg: string): string {
  const match = /^(?:https?:\/\/(?:www\.|old\.)?reddit\.com)?\/?(?:r\/)?([A-Za-z0-9_]{2,21})\/?$/.exec(arg.trim());
  if (!match?.[1]) throw argError('src.arg.reddit', { arg });
  return `r/${match[1]}`;
}

/** The plan's queries in Reddit search syntax, as one query: one request, since Reddit allows few. */
function searchQuery(plan: Plan): string {
  const queries = keywordsOf(plan, 'reddit');
  return queries.length === 1 ? (queries[0] ?? '') : queries.map((q) => `(${q})`).join(' OR ');
}

function jsonMention(post: Post): Mention {
  const body = post.selftext ?? post.body ?? '';
  return {
    id: `reddit:${post.name}`,
    sourceKind: 'reddit',
    url: `https://www.reddit.com${post.permalink}`,
    author: `u/${post.author}`,
    text: [post.title, body].filter(Boolean).join('\n'),
    ...(post.title ? { title: post.title } : {}),
    publishedAt: post.created_utc * 1000,
    metrics: {
      // A score can be negative; a count of likes cannot.
      ...(post.score !== undefined ? { likes: Math.max(0, post.score) } : {}),
      ...(post.num_comments !== undefined ? { replies: post.num_comments } : {}),
    },
  };
}

/** Reddit: search or a subreddit's new posts, through RSS without credentials, through the OAuth API with them. */
export function createRedditSource(settings: RedditSettings): Source {
  const maxPages = settings.redditMaxPages ?? 3;
  const userAgent = settings.redditUserAgent ?? DEFAULT_USER_AGENT;
  const oauth =
    settings.redditClientId && settings.redditClientSecret ? { id: settings.redditClientId, secret: settings.redditClientSecret } : undefined;
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(http: HttpClient, now: number, signal?: AbortSignal): Promise<string> {
    if (token && token.expiresAt > now + 60_000) return token.value;
    if (!oauth) throw new SourceError('missing_credentials', `reddit: set ${CREDENTIALS}`);
    const res = await http.request(`${settings.redditUrl}/api/v1/access_token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${oauth.id}:${oauth.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': userAgent,
      },
      body: 'grant_type=client_credentials',
      ...(signal ? { signal } : {}),
    });
    checkStatus(res, 'reddit', now, CREDENTIALS);
    const body = await parseJson(res, TokenSchema, 'reddit');
    token = { value: body.access_token, expiresAt: now + body.expires_in * 1000 };
    return token.value;
  }

  async function viaOauth(ctx: FetchContext, cursor: RedditCursor | undefined, partial: PartialReadLog): Promise<Post[]> {
    const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'reddit', REDDIT_OAUTH_RULES, 'REDDIT_CLIENT_ID');
    const posts: Post[] = [];
    let after: string | undefined;
    for (let page = 0; page < (cursor ? maxPages : 1); page += 1) {
      const params = new URLSearchParams({ limit: '100', raw_json: '1' });
      if (after) params.set('after', after);
      const path = ctx.spec.arg ? `/${subredditOf(ctx.spec.arg)}/new` : '/search';
      if (!ctx.spec.arg) {
        params.set('q', searchQuery(ctx.plan));
        params.set('sort', 'new');
        params.set('type', 'link');
      }
      const send = async () =>
        http.request(`${settings.redditOauthUrl}${path}?${params}`, {
          headers: { authorization: `Bearer ${await accessToken(http, ctx.now, ctx.signal)}`, 'user-agent': userAgent },
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
      let res = await send();
      if (res.status === 401) {
        // Tokens last a day; a revoked one gets one fresh try.
        token = undefined;
        res = await send();
      }
      checkStatus(res, 'reddit', ctx.now, CREDENTIALS);
      const listing = await parseJson(res, ListingSchema, 'reddit');
      const batch = (await readItems(listing.data.children, ChildSchema, 'reddit', partial)).map((c) => c.data);
      // Not push(...batch): a hostile page of 150,000 small items fits the JSON budget and would overflow the call stack.
      for (const post of batch) posts.push(post);
      after = listing.data.after ?? undefined;
      const reachedKnown = cursor !== undefined && batch.some((p) => p.created_utc * 1000 < cursor.since);
      if (!after || reachedKnown) break;
    }
    return posts;
  }

  async function viaRss(ctx: FetchContext, partial: PartialReadLog): Promise<Mention[]> {
    const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'reddit', REDDIT_RSS_RULES);
    const url = ctx.spec.arg
      ? `${settings.redditUrl}/${subredditOf(ctx.spec.arg)}/new/.rss?limit=100`
      : `${settings.redditUrl}/search.rss?${new URLSearchParams({ q: searchQuery(ctx.plan), sort: 'new', limit: '100' })}`;
    const res = await http.request(url, { headers: { 'user-agent': userAgent }, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    checkStatus(res, 'reddit', ctx.now);
    const feed = await parseFeed(res.body, 'reddit');
    if (feed.cut) partial.cut(`reddit: the feed broke off after ${feed.items.length} entries (${feed.cut})`);
    return feed.items.flatMap((entry, index) => {
      const id = entry.id ?? entry.guid;
      const when = entry.isoDate ? Date.parse(entry.isoDate) : Number.NaN;
      if (!id || !entry.link || Number.isNaN(when)) {
        partial.skip(`reddit: entry ${index + 1} has no ${!id ? 'id' : !entry.link ? 'link' : 'readable date'}`);
        return [];
      }
      // Reddit appends "submitted by /u/x [link] [comments]" to every entry: that is not what the post says.
      const body = htmlToText(entry.content ?? '').replace(/\s*submitted by\s+\/?u\/\S+.*$/s, '');
      return [
        {
          id: `reddit:${id}`,
          sourceKind: 'reddit' as const,
          url: entry.link,
          author: (entry.creator ?? '').replace(/^\//, ''),
          text: [entry.title, body].filter(Boolean).join('\n'),
          ...(entry.title ? { title: entry.title } : {}),
          publishedAt: Math.min(when, ctx.now),
        },
      ];
    });
  }

  return {
    kind: 'reddit',
    // Without OAuth, Reddit allows 10 requests a minute for the whole process.
    minIntervalMs: oauth ? 60_000 : 300_000,
    normaliseArg: (arg) => (arg === undefined || arg.trim() === '' ? undefined : subredditOf(arg)),
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = RedditCursorSchema.safeParse(ctx.cursor);
      const cursor = previous.success ? previous.data : undefined;
      const partial = partialReadLog();
      const all = oauth ? (await viaOauth(ctx, cursor, partial)).map(jsonMention) : await viaRss(ctx, partial);
      const fresh = all.filter((m) => !cursor || m.publishedAt > cursor.since || (m.publishedAt === cursor.since && !cursor.ids.includes(m.id)));
      const unique = [...new Map(fresh.map((m) => [m.id, m])).values()];
      let next = cursor;
      for (const m of unique) {
        if (!next || m.publishedAt > next.since) next = { since: m.publishedAt, ids: [m.id] };
        else if (m.publishedAt === next.since) next = { since: next.since, ids: [...next.ids, m.id] };
      }
      const read = partial.result();
      return { mentions: unique, ...(next ? { cursor: next } : {}), ...(read ? { partial: read } : {}) };
    },
  };
}
