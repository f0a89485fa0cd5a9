import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { ITEM_SLICE, checkStatus, epochMs, parseJson, readItems, yieldToLoop } from './api-response.js';
import type { HttpClient, HttpResponse } from './http.js';
import { keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { noArgument } from './arg-error.js';
import { FacetsSchema, textWithLinks } from './bluesky-text.js';
import { partialReadLog } from './partial-read.js';

export interface BlueskySettings {
  /** VIGIE_BLUESKY_URL: the account's PDS or the entryway, default https://bsky.social. */
  blueskyUrl: string;
  /** BLUESKY_HANDLE: account handle (e.g. vigie.bsky.social). */
  blueskyHandle?: string;
  /** BLUESKY_APP_PASSWORD: an app password of that account, never the main password. */
  blueskyAppPassword?: string;
  /** Pages of up to 100 posts per keyword and poll. */
  blueskyMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** PDS: 3,000 requests per 5 minutes per IP; createSession: 30 per 5 minutes per account. */
export const BLUESKY_RATE_RULES: readonly RateRule[] = [{ per: 'host', requests: 3000, windowMs: 300_000 }];
export const BLUESKY_SESSION_RULES: readonly RateRule[] = [{ per: 'credential', requests: 30, windowMs: 300_000 }];

const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
const CREDENTIALS = 'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD';

const SessionSchema = z.object({ accessJwt: z.string(), refreshJwt: z.string(), did: z.string() });
type Session = z.infer<typeof SessionSchema>;
const XrpcErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

const date = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'unreadable date');
const PostViewSchema = z.object({
  uri: z.string(),
  author: z.object({ did: z.string(), handle: z.string() }),
  record: z.object({ text: z.string().optional(), createdAt: date, langs: z.array(z.string()).optional(), facets: FacetsSchema }),
  indexedAt: date,
  likeCount: z.number().optional(),
  repostCount: z.number().optional(),
  replyCount: z.number().optional(),
  quoteCount: z.number().optional(),
});
/** The page's envelope; its posts are read one by one (`readItems`). */
const SearchSchema = z.object({ cursor: z.string().optional(), posts: z.array(z.unknown()) });

/** Newest post time seen (ISO) and the posts seen at that instant (`since` is inclusive). */
const BlueskyCursorSchema = z.object({ since: z.string(), uris: z.array(z.string()) });
type BlueskyCursor = z.infer<typeof BlueskyCursorSchema>;

/** Web address of a post from its `at://did/app.bsky.feed.post/rkey` URI. */
export function postUrl(uri: string, handleOrDid: string): string {
  return `https://bsky.app/profile/${handleOrDid}/post/${uri.split('/').pop() ?? ''}`;
}

function errorName(res: HttpResponse): string | undefined {
  try {
    const parsed = XrpcErrorSchema.safeParse(JSON.parse(res.body));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

function mentionOf(post: z.infer<typeof PostViewSchema>): { mention: Mention; sortAt: number } {
  // Bluesky sorts on the earlier of the client's createdAt and the indexing time: clocks of clients lie.
  const sortAt = Math.min(epochMs(post.record.createdAt, 'bluesky'), epochMs(post.indexedAt, 'bluesky'));
  const lang = post.record.langs?.[0]?.slice(0, 2).toLowerCase();
  return {
    sortAt,
    mention: {
      id: post.uri,
      sourceKind: 'bluesky',
      url: postUrl(post.uri, post.author.handle),
      author: `@${post.author.handle}`,
      text: textWithLinks(post.record.text ?? '', post.record.facets),
      ...(lang ? { lang } : {}),
      publishedAt: sortAt,
      metrics: {
        ...(post.likeCount !== undefined ? { likes: post.likeCount } : {}),
        ...(post.repostCount !== undefined ? { reposts: post.repostCount } : {}),
        ...(post.replyCount !== undefined ? { replies: post.replyCount } : {}),
        ...(post.quoteCount !== undefined ? { quotes: post.quoteCount } : {}),
      },
    },
  };
}

/** Bluesky post search (`app.bsky.feed.searchPosts`) with an app-password session shared by every plan. */
export function createBlueskySource(settings: BlueskySettings): Source {
  const maxPages = settings.blueskyMaxPages ?? 3;
  let session: Promise<Session> | undefined;

  async function createSession(http: HttpClient, now: number, signal?: AbortSignal): Promise<Session> {
    const res = await http.request(`${settings.blueskyUrl}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: settings.blueskyHandle, password: settings.blueskyAppPassword }),
      ...(signal ? { signal } : {}),
    });
    // Some PDS versions answer a wrong password with 400 rather than 401.
    const answer = res.status === 400 && errorName(res) === 'AuthenticationRequired' ? { ...res, status: 401 } : res;
    checkStatus(answer, 'bluesky', now, CREDENTIALS);
    return await parseJson(answer, SessionSchema, 'bluesky');
  }

  async function refreshSession(http: HttpClient, stale: Session, now: number, signal?: AbortSignal): Promise<Session> {
    const res = await http.request(`${settings.blueskyUrl}/xrpc/com.atproto.server.refreshSession`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stale.refreshJwt}` },
      ...(signal ? { signal } : {}),
    });
    // A refresh token expires too (after about two months): then the app password opens a new session.
    if (res.status === 400 || res.status === 401) return createSession(http, now, signal);
    checkStatus(res, 'bluesky', now, CREDENTIALS);
    return await parseJson(res, SessionSchema, 'bluesky');
  }

  /** A request with the session's access token, refreshing it once when the server says it expired. */
  async function authed(http: HttpClient, sessionHttp: HttpClient, url: string, now: number, signal?: AbortSignal): Promise<HttpResponse> {
    const send = async (): Promise<{ res: HttpResponse; used: Session }> => {
      session ??= createSession(sessionHttp, now, signal);
      const current = session;
      const used = await current.catch((error: unknown) => {
        if (session === current) session = undefined;
        throw error;
      });
      return { res: await http.request(url, { headers: { authorization: `Bearer ${used.accessJwt}` }, ...(signal ? { signal } : {}) }), used };
    };
    const first = await send();
    const expired = (res: HttpResponse): boolean => (res.status === 400 || res.status === 401) && errorName(res) === 'ExpiredToken';
    if (!expired(first.res)) return first.res;
    session = refreshSession(sessionHttp, first.used, now, signal);
    return (await send()).res;
  }

  return {
    kind: 'bluesky',
    minIntervalMs: 60_000,
    normaliseArg: noArgument('bluesky'),
    missingSettings: () => [...(settings.blueskyHandle ? [] : ['BLUESKY_HANDLE']), ...(settings.blueskyAppPassword ? [] : ['BLUESKY_APP_PASSWORD'])],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      if (!settings.blueskyHandle || !settings.blueskyAppPassword) {
        throw new SourceError('missing_credentials', `bluesky: set ${CREDENTIALS} (an app password) to search Bluesky`);
      }
      const previous = BlueskyCursorSchema.safeParse(ctx.cursor);
      const cursor: BlueskyCursor = previous.success ? previous.data : { since: new Date(ctx.now - FIRST_POLL_LOOKBACK_MS).toISOString(), uris: [] };
      const sinceMs = Date.parse(cursor.since);
      const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'bluesky', BLUESKY_RATE_RULES);
      const sessionHttp = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'bluesky', BLUESKY_SESSION_RULES, settings.blueskyHandle);
      const found = new Map<string, { mention: Mention; sortAt: number }>();
      const partial = partialReadLog();
      // Posts seen at the cursor's instant; a Set, since a burst can put thousands of posts in one instant.
      const boundary = new Set(cursor.uris);
      for (const keyword of keywordsOf(ctx.plan, 'bluesky')) {
        let page: string | undefined;
        for (let n = 0; n < maxPages; n += 1) {
          const params = new URLSearchParams({ q: keyword, sort: 'latest', since: cursor.since, limit: '100' });
          if (page) params.set('cursor', page);
          const res = await authed(http, sessionHttp, `${settings.blueskyUrl}/xrpc/app.bsky.feed.searchPosts?${params}`, ctx.now, ctx.signal);
          checkStatus(res, 'bluesky', ctx.now, CREDENTIALS);
          const body = await parseJson(res, SearchSchema, 'bluesky');
          for (const [index, post] of (await readItems(body.posts, PostViewSchema, 'bluesky', partial)).entries()) {
            if (index > 0 && index % ITEM_SLICE === 0) await yieldToLoop();
            const item = mentionOf(post);
            if (item.sortAt < sinceMs || (item.sortAt === sinceMs && boundary.has(post.uri))) continue;
            found.set(post.uri, item);
          }
          page = body.cursor;
          if (!page || body.posts.length === 0) break;
        }
      }
      let next = { since: cursor.since, uris: [...cursor.uris] };
      let nextMs = sinceMs;
      for (const [uri, { sortAt }] of found) {
        if (sortAt > nextMs) {
          next = { since: new Date(sortAt).toISOString(), uris: [uri] };
          nextMs = sortAt;
        } else if (sortAt === nextMs) next.uris.push(uri);
      }
      const read = partial.result();
      return { mentions: [...found.values()].map((f) => f.mention), cursor: next, ...(read ? { partial: read } : {}) };
    },
  };
}
