import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { ITEM_SLICE, checkStatus, parseJson, readItems, yieldToLoop } from './api-response.js';
import { redactedExcerpt } from '../secret-text.js';
import { currentUsage, nextMidnightIn, pacedNotBefore, type Usage } from './budget.js';
import type { HttpClient, HttpResponse } from './http.js';
import { keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { argError } from './arg-error.js';
import { parseTolerantly } from './feed-parser.js';
import { decodeEntities } from './html-text.js';
import { type PartialReadLog, partialReadLog } from './partial-read.js';

export interface YoutubeSettings {
  /** VIGIE_YOUTUBE_URL: site serving channel feeds, default https://www.youtube.com. */
  youtubeUrl: string;
  /** VIGIE_YOUTUBE_API_URL: Data API base, default https://www.googleapis.com. */
  youtubeApiUrl: string;
  /** YOUTUBE_API_KEY: optional; enables keyword search and view/like/comment counts. */
  youtubeApiKey?: string;
  /** YOUTUBE_DAILY_QUOTA: units the key may spend per Pacific day, default 10,000 (Google's default). */
  youtubeDailyQuota: number;
  /** Pages of 50 results per keyword search (each page costs 100 units). */
  youtubeMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** The feeds have no published limit; be gentle. The Data API is bounded by its daily quota, counted here. */
export const YOUTUBE_FEED_RULES: readonly RateRule[] = [{ per: 'host', requests: 60, windowMs: 60_000 }];
export const YOUTUBE_API_RULES: readonly RateRule[] = [{ per: 'credential', requests: 100, windowMs: 60_000 }];

/** Data API costs in quota units (https://developers.google.com/youtube/v3/determine_quota_cost). */
export const YOUTUBE_UNITS = { search: 100, videos: 1 } as const;
const QUOTA_TIME_ZONE = 'America/Los_Angeles';
const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
const MAX_SEARCHES = 2;
const CHANNEL_ID = /^UC[\w-]{22}$/;

const ApiErrorSchema = z.object({
  error: z.object({ code: z.number(), message: z.string(), errors: z.array(z.object({ reason: z.string() })).optional() }),
});
/** The page's envelope; its items are read one by one (`readItems`). */
const SearchSchema = z.object({ nextPageToken: z.string().optional(), items: z.array(z.unknown()) });
const SearchItemSchema = z.object({
  id: z.object({ kind: z.string().optional(), videoId: z.string().optional() }),
  snippet: z.object({
    publishedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'unreadable date'),
    channelTitle: z.string(),
    // The Data API sends snippets HTML-escaped (`&#39;`, `&quot;`, `&amp;`): decoded once, here.
    title: z.string().transform(decodeEntities),
    description: z.string().transform(decodeEntities),
  }),
});
const count = z.string().regex(/^\d+$/).transform(Number).optional();
const VideosSchema = z.object({
  items: z.array(z.object({ id: z.string(), statistics: z.object({ viewCount: count, likeCount: count, commentCount: count }).optional() })),
});

const YoutubeCursorSchema = z.object({ since: z.number(), ids: z.array(z.string()) });
type YoutubeCursor = z.infer<typeof YoutubeCursorSchema>;

/** One `<entry>` of a channel feed, with the `yt:` and `media:` fields rss-parser is told to keep. */
interface FeedVideo {
  videoId?: string;
  title?: string;
  author?: string;
  isoDate?: string;
  group?: {
    'media:description'?: string[];
    'media:community'?: Array<{
      'media:starRating'?: Array<{ $?: { count?: string } }>;
      'media:statistics'?: Array<{ $?: { views?: string } }>;
    }>;
  };
}

/** A channel id from `UC…` or a youtube.com/channel/UC… URL. */
export function channelIdOf(arg: string): string {
  const text = arg.trim();
  const fromUrl = /youtube\.com\/channel\/(UC[\w-]{22})/.exec(text)?.[1];
  const id = fromUrl ?? text;
  if (!CHANNEL_ID.test(id)) throw argError('src.arg.youtube', { arg: text });
  return id;
}

function jsonOrNothing(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function number(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

async function parseChannelFeed(xml: string, now: number, partial: PartialReadLog): Promise<Mention[]> {
  const { default: Parser } = await import('rss-parser');
  const parser = new Parser<Record<string, unknown>, FeedVideo>({
    customFields: {
      item: [
        ['yt:videoId', 'videoId'],
        ['media:group', 'group'],
      ],
    },
  });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    const read = await parseTolerantly(xml, (text) => parser.parseString(text));
    feed = read.value;
    if (read.cut) partial.cut(`youtube: the channel feed broke off after ${feed.items.length} entries (${read.cut})`);
  } catch (cause) {
    throw new SourceError('malformed', 'youtube: the channel feed is not readable', { cause, upstream: redactedExcerpt(xml) });
  }
  return feed.items.flatMap((video, index) => {
    const at = video.isoDate ? Date.parse(video.isoDate) : Number.NaN;
    if (!video.videoId || Number.isNaN(at)) {
      partial.skip(`youtube: feed entry ${index + 1} has no ${video.videoId ? 'readable date' : 'video id'}`);
      return [];
    }
    const community = video.group?.['media:community']?.[0];
    const likes = number(community?.['media:starRating']?.[0]?.$?.count);
    const views = number(community?.['media:statistics']?.[0]?.$?.views);
    const description = video.group?.['media:description']?.[0] ?? '';
    return [
      {
        id: `youtube:${video.videoId}`,
        sourceKind: 'youtube' as const,
        url: `https://www.youtube.com/watch?v=${video.videoId}`,
        author: video.author ?? '',
        text: [video.title, description].filter(Boolean).join('\n'),
        ...(video.title ? { title: video.title } : {}),
        publishedAt: Math.min(at, now),
        metrics: { ...(likes !== undefined ? { likes } : {}), ...(views !== undefined ? { views } : {}) },
      },
    ];
  });
}

/** YouTube: a channel's feed (free), keyword search with the Data API (quota), and statistics for both with a key. */
export function createYoutubeSource(settings: YoutubeSettings): Source {
  const maxPages = settings.youtubeMaxPages ?? 1;
  // The quota belongs to the key, not to a plan: one count for the whole process.
  let quota: Usage | undefined;

  function usageNow(ctx: FetchContext): Usage {
    const fresh = currentUsage(quota, settings.youtubeDailyQuota, ctx.now, nextMidnightIn(QUOTA_TIME_ZONE, ctx.now));
    const stored = ctx.health.usage;
    // After a restart the stored figure is the best knowledge of what the key already spent today.
    quota = stored && stored.resetsAt === fresh.resetsAt && stored.used > fresh.used ? { ...fresh, used: stored.used } : fresh;
    return quota;
  }

  function spend(usage: Usage, units: number, now: number): void {
    if (usage.used + units > usage.limit) {
      throw new SourceError('budget_exhausted', `youtube: the daily quota of ${usage.limit} units is spent; it resets at midnight Pacific time`, {
        retryAfterMs: usage.resetsAt - now,
      });
    }
    usage.used += units;
  }

  /** Google answers quota and key problems with 403/400 and a reason: say which. */
  function checkApi(res: HttpResponse, usage: Usage, now: number): void {
    if (res.status === 400 || res.status === 403) {
      const parsed = ApiErrorSchema.safeParse(jsonOrNothing(res.body));
      const reason = parsed.success ? parsed.data.error.errors?.[0]?.reason : undefined;
      if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
        usage.used = usage.limit;
        throw new SourceError('budget_exhausted', 'youtube: Google reports the daily quota spent; it resets at midnight Pacific time', {
          status: res.status,
          retryAfterMs: usage.resetsAt - now,
        });
      }
      if (parsed.success && (reason === 'keyInvalid' || /API key/i.test(parsed.data.error.message))) {
        throw new SourceError('unauthorized', `youtube: Google refused the API key (${parsed.data.error.message}); check YOUTUBE_API_KEY`, {
          status: res.status,
        });
      }
    }
    checkStatus(res, 'youtube', now, 'YOUTUBE_API_KEY');
  }

  async function withStatistics(http: HttpClient, ctx: FetchContext, usage: Usage, mentions: Mention[]): Promise<Mention[]> {
    const key = settings.youtubeApiKey;
    if (!key || mentions.length === 0) return mentions;
    const byId = new Map(mentions.map((m) => [m.id.slice('youtube:'.length), m]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += 50) {
      spend(usage, YOUTUBE_UNITS.videos, ctx.now);
      const params = new URLSearchParams({ part: 'statistics', id: ids.slice(i, i + 50).join(','), key });
      const res = await http.request(`${settings.youtubeApiUrl}/youtube/v3/videos?${params}`, ctx.signal ? { signal: ctx.signal } : {});
      checkApi(res, usage, ctx.now);
      for (const video of (await parseJson(res, VideosSchema, 'youtube')).items) {
        const m = byId.get(video.id);
        const s = video.statistics;
        if (!m || !s) continue;
        m.metrics = {
          ...m.metrics,
          ...(s.viewCount !== undefined ? { views: s.viewCount } : {}),
          ...(s.likeCount !== undefined ? { likes: s.likeCount } : {}),
          ...(s.commentCount !== undefined ? { replies: s.commentCount } : {}),
        };
      }
    }
    return mentions;
  }

  async function search(
    http: HttpClient,
    ctx: FetchContext,
    usage: Usage,
    cursor: YoutubeCursor | undefined,
    partial: PartialReadLog,
  ): Promise<Mention[]> {
    const key = settings.youtubeApiKey;
    if (!key) throw new SourceError('missing_credentials', 'youtube: keyword search needs YOUTUBE_API_KEY (or give a channel id)');
    const found: Mention[] = [];
    // Each query is a search of 100 units: the plan's queries are searched, at most MAX_SEARCHES of them.
    for (const q of keywordsOf(ctx.plan, 'youtube', MAX_SEARCHES)) {
      let pageToken: string | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        spend(usage, YOUTUBE_UNITS.search, ctx.now);
        const params = new URLSearchParams({
          part: 'snippet',
          type: 'video',
          order: 'date',
          maxResults: '50',
          q,
          publishedAfter: new Date(cursor?.since ?? ctx.now - FIRST_POLL_LOOKBACK_MS).toISOString(),
          key,
        });
        if (pageToken) params.set('pageToken', pageToken);
        const res = await http.request(`${settings.youtubeApiUrl}/youtube/v3/search?${params}`, ctx.signal ? { signal: ctx.signal } : {});
        checkApi(res, usage, ctx.now);
        const body = await parseJson(res, SearchSchema, 'youtube');
        for (const [index, item] of (await readItems(body.items, SearchItemSchema, 'youtube', partial)).entries()) {
          if (index > 0 && index % ITEM_SLICE === 0) await yieldToLoop();
          const videoId = item.id.videoId;
          // Searches are for videos (type=video); a channel or playlist result has no video id and is not a mention.
          if (!videoId) continue;
          found.push({
            id: `youtube:${videoId}`,
            sourceKind: 'youtube',
            url: `https://www.youtube.com/watch?v=${videoId}`,
            author: decodeEntities(item.snippet.channelTitle),
            text: [item.snippet.title, item.snippet.description].filter(Boolean).join('\n'),
            title: item.snippet.title,
            publishedAt: Math.min(Date.parse(item.snippet.publishedAt), ctx.now),
          });
        }
        pageToken = body.nextPageToken;
        if (!pageToken) break;
      }
    }
    return found;
  }

  return {
    kind: 'youtube',
    minIntervalMs: 300_000,
    normaliseArg(arg) {
      if (arg === undefined || arg.trim() === '') {
        if (!settings.youtubeApiKey) throw argError('src.arg.youtube_key');
        return undefined;
      }
      return channelIdOf(arg);
    },
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = YoutubeCursorSchema.safeParse(ctx.cursor);
      const cursor = previous.success ? previous.data : undefined;
      const usage = usageNow(ctx);
      const limiter = settings.limiter ?? sharedLimiter();
      const api = limiter.client(ctx.http, 'youtube', YOUTUBE_API_RULES, 'YOUTUBE_API_KEY');
      let all: Mention[];
      const partial = partialReadLog();
      if (ctx.spec.arg) {
        const feeds = limiter.client(ctx.http, 'youtube', YOUTUBE_FEED_RULES);
        const res = await feeds.request(
          `${settings.youtubeUrl}/feeds/videos.xml?channel_id=${encodeURIComponent(channelIdOf(ctx.spec.arg))}`,
          ctx.signal ? { signal: ctx.signal } : {},
        );
        checkStatus(res, 'youtube', ctx.now);
        all = await parseChannelFeed(res.body, ctx.now, partial);
      } else {
        all = await search(api, ctx, usage, cursor, partial);
      }
      const unique = [...new Map(all.map((m) => [m.id, m])).values()];
      const fresh = unique.filter((m) => !cursor || m.publishedAt > cursor.since || (m.publishedAt === cursor.since && !cursor.ids.includes(m.id)));
      await withStatistics(api, ctx, usage, fresh);
      let next = cursor;
      for (const m of fresh) {
        if (!next || m.publishedAt > next.since) next = { since: m.publishedAt, ids: [m.id] };
        else if (m.publishedAt === next.since) next = { since: next.since, ids: [...next.ids, m.id] };
      }
      const keyed = settings.youtubeApiKey !== undefined;
      const notBefore = keyed ? pacedNotBefore(usage, ctx.now) : undefined;
      const read = partial.result();
      return {
        mentions: fresh,
        ...(read ? { partial: read } : {}),
        ...(next ? { cursor: next } : {}),
        ...(keyed ? { usage: { ...usage } } : {}),
        ...(notBefore !== undefined ? { notBefore } : {}),
      };
    },
  };
}
