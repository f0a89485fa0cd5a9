import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { checkStatus, epochMs, parseJson, readItems } from './api-response.js';
import type { HttpClient, HttpResponse } from './http.js';
import { htmlToText } from './html-text.js';
import { MASTODON_SEARCH, hashtagsOf, keywordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { SourceError } from '../core/source-error.js';
import { argError } from './arg-error.js';
import { type PartialReadLog, partialReadLog } from './partial-read.js';

export interface MastodonSettings {
  /** VIGIE_MASTODON_INSTANCES: instances polled when a source names none (comma-separated), default https://mastodon.social. */
  mastodonInstances: string[];
  /** MASTODON_ACCESS_TOKEN: optional, valid on the first instance only (instances that hide timelines from visitors). */
  mastodonAccessToken?: string;
  /** Pages of 40 statuses per timeline and poll. */
  mastodonMaxPages?: number;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** 300 requests per 5 minutes per IP (and per account), on each instance. */
export const MASTODON_RATE_RULES: readonly RateRule[] = [{ per: 'host', requests: 300, windowMs: 300_000 }];

const PAGE = 40;

const StatusSchema = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'unreadable date'),
  content: z.string(),
  spoiler_text: z.string().optional(),
  language: z.string().nullish(),
  reblogs_count: z.number(),
  favourites_count: z.number(),
  replies_count: z.number(),
  account: z.object({ acct: z.string(), followers_count: z.number().optional() }),
});
type Status = z.infer<typeof StatusSchema>;
/** Envelopes only: statuses are read one by one (`readItems`), so one bad status does not lose the page. */
const SearchSchema = z.object({ statuses: z.array(z.unknown()) });
const TimelineSchema = z.array(z.unknown());

/** Newest status id per timeline (`<instance> #tag` or `<instance> ?keywords`), and instances that refuse search. */
const MastodonCursorSchema = z.object({ minIds: z.record(z.string(), z.string()), noSearch: z.array(z.string()) });
type MastodonCursor = z.infer<typeof MastodonCursorSchema>;

/** Mastodon ids are snowflakes in decimal strings: longer is newer, then lexical order. */
function newerId(a: string, b: string | undefined): boolean {
  return b === undefined || a.length > b.length || (a.length === b.length && a > b);
}

/** An instance from an argument or a setting: a host name or an http(s) URL, reduced to its origin. */
export function instanceOrigin(value: string): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw argError('src.arg.mastodon', { arg: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw argError('src.arg.mastodon', { arg: text });
  }
  return url.origin;
}

function mentionOf(status: Status, instance: string): Mention {
  const acct = status.account.acct.includes('@') ? status.account.acct : `${status.account.acct}@${new URL(instance).host}`;
  const body = htmlToText(status.content);
  const lang = status.language?.slice(0, 2).toLowerCase();
  return {
    // The URI is the same on every instance a status federates to: one status polled on two instances is one mention.
    id: `mastodon:${status.uri}`,
    sourceKind: 'mastodon',
    url: status.url ?? status.uri,
    author: `@${acct}`,
    text: status.spoiler_text ? `${status.spoiler_text}\n${body}` : body,
    ...(lang ? { lang } : {}),
    publishedAt: epochMs(status.created_at, 'mastodon'),
    metrics: {
      likes: status.favourites_count,
      reposts: status.reblogs_count,
      replies: status.replies_count,
      ...(status.account.followers_count !== undefined ? { followers: status.account.followers_count } : {}),
    },
  };
}

/** Mastodon hashtag timelines and, where the instance allows it, status search; several instances at once. */
export function createMastodonSource(settings: MastodonSettings): Source {
  const maxPages = settings.mastodonMaxPages ?? 3;

  /** New statuses of one timeline since its newest known id, oldest pages first (min_id pages forward). */
  async function readTimeline(
    http: HttpClient,
    ctx: FetchContext,
    instance: string,
    path: string,
    params: URLSearchParams,
    since: string | undefined,
    parse: (res: HttpResponse) => Promise<Status[]>,
  ) {
    // The access token belongs to the first configured instance only.
    const home = settings.mastodonInstances[0] !== undefined ? instanceOrigin(settings.mastodonInstances[0]) : undefined;
    const statuses: Status[] = [];
    let minId = since;
    for (let page = 0; page < (since ? maxPages : 1); page += 1) {
      const query = new URLSearchParams(params);
      query.set('limit', String(PAGE));
      if (minId) query.set('min_id', minId);
      const headers: Record<string, string> =
        settings.mastodonAccessToken && instance === home ? { authorization: `Bearer ${settings.mastodonAccessToken}` } : {};
      const res = await http.request(`${instance}${path}?${query}`, { headers, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      checkStatus(
        res,
        `mastodon ${new URL(instance).host}`,
        ctx.now,
        settings.mastodonAccessToken && instance === home ? 'MASTODON_ACCESS_TOKEN' : undefined,
      );
      const batch = await parse(res);
      // Not push(...batch): a hostile page of 150,000 small items fits the JSON budget and would overflow the call stack.
      for (const status of batch) statuses.push(status);
      for (const s of batch) if (newerId(s.id, minId)) minId = s.id;
      if (batch.length < PAGE) break;
    }
    return { statuses, newest: minId };
  }

  return {
    kind: 'mastodon',
    minIntervalMs: 120_000,
    normaliseArg: (arg) => (arg === undefined || arg.trim() === '' ? undefined : instanceOrigin(arg)),
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const instances = ctx.spec.arg ? [instanceOrigin(ctx.spec.arg)] : settings.mastodonInstances.map(instanceOrigin);
      const previous = MastodonCursorSchema.safeParse(ctx.cursor);
      const cursor: MastodonCursor = previous.success
        ? { minIds: { ...previous.data.minIds }, noSearch: [...previous.data.noSearch] }
        : { minIds: {}, noSearch: [] };
      const http = (settings.limiter ?? sharedLimiter()).client(ctx.http, 'mastodon', MASTODON_RATE_RULES);
      const found = new Map<string, Mention>();
      const failures: SourceError[] = [];
      const partial: PartialReadLog = partialReadLog();
      let successes = 0;
      const timelines: Array<{ instance: string; key: string; path: string; params: URLSearchParams; search: boolean }> = [];
      for (const instance of instances) {
        for (const tag of hashtagsOf(ctx.plan)) {
          timelines.push({
            instance,
            key: `${instance} #${tag}`,
            path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
            params: new URLSearchParams(),
            search: false,
          });
        }
        if (cursor.noSearch.includes(instance)) continue;
        for (const keyword of keywordsOf(ctx.plan, MASTODON_SEARCH, 3)) {
          timelines.push({
            instance,
            key: `${instance} ?${keyword}`,
            path: '/api/v2/search',
            params: new URLSearchParams({ q: keyword, type: 'statuses' }),
            search: true,
          });
        }
      }
      for (const t of timelines) {
        if (t.search && cursor.noSearch.includes(t.instance)) continue;
        const parse = async (res: HttpResponse) =>
          readItems(
            t.search ? (await parseJson(res, SearchSchema, 'mastodon')).statuses : await parseJson(res, TimelineSchema, 'mastodon'),
            StatusSchema,
            `mastodon ${new URL(t.instance).host}`,
            partial,
          );
        try {
          const { statuses, newest } = await readTimeline(http, ctx, t.instance, t.path, t.params, cursor.minIds[t.key], parse);
          successes += 1;
          for (const status of statuses) found.set(status.uri, mentionOf(status, t.instance));
          if (newest) cursor.minIds[t.key] = newest;
        } catch (error) {
          // Search is optional on Mastodon (Elasticsearch, visitors allowed or not): a refusal turns it off for that instance.
          if (t.search && error instanceof SourceError && (error.code === 'unauthorized' || error.status === 422 || error.status === 404)) {
            cursor.noSearch.push(t.instance);
            continue;
          }
          if (!(error instanceof SourceError)) throw error;
          failures.push(error);
        }
      }
      // One instance down must not hide the others; when nothing answered, the poll failed.
      if (successes === 0 && failures[0]) throw failures[0];
      const read = partial.result();
      return { mentions: [...found.values()], cursor, ...(read ? { partial: read } : {}) };
    },
  };
}
