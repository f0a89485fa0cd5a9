import { z } from 'zod';
import type { Mention } from '../core/mention.js';
import { checkStatus, parseJson } from './api-response.js';
import { parseFeed } from './feed-parser.js';
import { GDELT_RATE_RULES, searchGdelt } from './gdelt.js';
import { editionRegion, gnewsSearchUrl } from './gnews.js';
import type { HttpClient } from './http.js';
import { PETITIONS_SEARCH, keywordsOf, wordsOf } from './plan-query.js';
import { type Limiter, type RateRule, sharedLimiter } from './politeness.js';
import type { FetchContext, FetchResult, Source } from './source.js';
import { argError } from './arg-error.js';
import { statusError } from './http-status.js';
import { type PartialReadLog, partialReadLog } from './partial-read.js';
import type { PetitionPage } from './petition-page.js';
import { petitionSiteOf } from './petition-site.js';
import { SourceError } from '../core/source-error.js';

export interface PetitionsSettings {
  /** VIGIE_PETITIONS_URL: UK Parliament petitions site, default https://petition.parliament.uk. */
  petitionsUrl: string;
  /** VIGIE_GDELT_URL, shared with the gdelt kind: news restricted to petition sites. */
  gdeltUrl: string;
  /** VIGIE_GNEWS_URL, shared with the gnews kind: Google News restricted to petition sites. */
  gnewsUrl: string;
  /**
   * Links of the plan's recent mentions from every other source, newest last (wired by the pipeline): a
   * petition shared on X or in an article is found here first.
   */
  petitionLinks?: (planId: string, sinceMs: number) => Promise<string[]>;
  /** Shared by every source of the process; tests pass their own. */
  limiter?: Limiter;
}

/** petition.parliament.uk publishes no limit; a petition's JSON is refreshed about once a minute. */
export const PETITIONS_RATE_RULES: readonly RateRule[] = [{ per: 'host', requests: 60, windowMs: 60_000 }];

/** Petition pages (change.org, Avaaz, mesopinions) are read gently: a few pages a minute per site. */
export const PETITION_PAGE_RULES: readonly RateRule[] = [{ per: 'host', requests: 10, windowMs: 60_000 }];

/** A count report is a new mention when signatures grew by this much since the last report. */
const JUMP_ABSOLUTE = 1000;
const JUMP_RELATIVE = 0.2;
const JUMP_FLOOR = 100;
/** UK petitions, and petition pages, whose counts are refreshed per poll (one request each). */
const MAX_TRACKED = 20;
const FIRST_POLL_LOOKBACK_MS = 24 * 3_600_000;
const PETITION_SITES = ['change.org', 'avaaz.org', 'mesopinions.com', 'openpetition.de', 'openpetition.eu', 'petition.parliament.uk'];

const PATHS: Array<[RegExp, RegExp]> = [
  [/(^|\.)change\.org$/, /^\/p\/[^/]+/],
  [/(^|\.)avaaz\.org$/, /^\/[a-z]{2}\/(community_petitions|petition)\/[^/]+/],
  [/(^|\.)mesopinions\.com$/, /^\/petition\/[^/]+\/[^/]+\/\d+/],
  [/(^|\.)openpetition\.(de|eu)$/, /^\/(?:[a-z]{2}\/)?petition\/online\/[^/]+/],
  [/^petition\.parliament\.uk$/, /^\/petitions\/\d+/],
];

/** The canonical address of a petition page (no query, no trailing slash), or undefined for any other link. */
export function petitionUrlOf(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '');
  for (const [hostPattern, pathPattern] of PATHS) {
    const path = pathPattern.exec(url.pathname)?.[0];
    if (hostPattern.test(host) && path) return `https://${url.hostname}${path.replace(/\.json$/, '')}`;
  }
  return undefined;
}

function ukPetitionId(url: string): number | undefined {
  const id = /^https:\/\/petition\.parliament\.uk\/petitions\/(\d+)$/.exec(url)?.[1];
  return id ? Number(id) : undefined;
}

const UkPetitionSchema = z.object({
  id: z.number(),
  attributes: z.object({
    action: z.string(),
    background: z.string().optional(),
    state: z.string(),
    signature_count: z.number(),
    created_at: z.string(),
    opened_at: z.string().nullish(),
  }),
});
type UkPetition = z.infer<typeof UkPetitionSchema>;
const UkOneSchema = z.object({ data: UkPetitionSchema });
const UkListSchema = z.object({ data: z.array(UkPetitionSchema) });

const TrackedSchema = z.object({ title: z.string(), reported: z.number(), reportedAt: z.number() });
const PetitionsCursorSchema = z.object({ since: z.number(), tracked: z.record(z.string(), TrackedSchema) });
type PetitionsCursor = z.infer<typeof PetitionsCursorSchema>;

/** Petitions: pages found in links and news, and signature counts over time where a public JSON exists. */
export function createPetitionsSource(settings: PetitionsSettings): Source {
  /** A petition seen for the first time, or a jump in its signatures, as a mention. */
  function report(ctx: FetchContext, cursor: PetitionsCursor, url: string, title: string, count: number | undefined, mentions: Mention[]): void {
    const known = cursor.tracked[url];
    if (!known) {
      cursor.tracked[url] = { title, reported: count ?? 0, reportedAt: ctx.now };
      mentions.push({
        id: `petitions:${url}`,
        sourceKind: 'petitions',
        url,
        author: new URL(url).hostname.replace(/^www\./, ''),
        text: count !== undefined ? `${title} — ${count} signatures` : title,
        title,
        publishedAt: ctx.now,
        ...(count !== undefined ? { metrics: { likes: count } } : {}),
      });
      return;
    }
    if (count === undefined) return;
    const delta = count - known.reported;
    if (delta < JUMP_FLOOR || (delta < JUMP_ABSOLUTE && delta < known.reported * JUMP_RELATIVE)) return;
    cursor.tracked[url] = { title, reported: count, reportedAt: ctx.now };
    mentions.push({
      // One mention per reported level: the same jump is never counted twice.
      id: `petitions:${url}#${count}`,
      sourceKind: 'petitions',
      url,
      author: new URL(url).hostname,
      text: `${title} — ${count} signatures (+${delta} since ${new Date(known.reportedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      title,
      publishedAt: ctx.now,
      // The new signatures are the engagement of this report; the total was counted before.
      metrics: { likes: delta },
    });
  }

  async function ukJson<S extends z.ZodType>(http: HttpClient, ctx: FetchContext, path: string, schema: S): Promise<z.infer<S>> {
    const res = await http.request(`${settings.petitionsUrl}${path}`, ctx.signal ? { signal: ctx.signal } : {});
    checkStatus(res, 'petitions', ctx.now);
    return await parseJson(res, schema, 'petitions');
  }

  const ukUrl = (p: UkPetition) => `https://petition.parliament.uk/petitions/${p.id}`;

  /**
   * One petition page read for its title and count. A page that cannot be fetched is skipped and one whose
   * layout is not understood is reported as such (in `partial`): neither stops the poll, neither gives a number.
   */
  async function readPage(http: HttpClient, ctx: FetchContext, url: string, partial: PartialReadLog): Promise<PetitionPage | undefined> {
    const site = petitionSiteOf(url);
    if (!site) return undefined;
    try {
      const res = await http.request(url, { headers: { accept: 'text/html' }, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const error = statusError(res, `the petition page ${url}`, ctx.now);
      if (error) throw error;
      // The HTML parser is loaded by the first petition page read, not at start-up.
      const { readPetitionPage } = await import('./petition-page.js');
      const reading = readPetitionPage(res.body, site);
      if ('page' in reading) return reading.page;
      partial.unknownLayout(url, `${url}: ${reading.unknownLayout}`);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      partial.skip(`petitions: ${url}: ${error.message}`);
    }
    return undefined;
  }

  return {
    kind: 'petitions',
    minIntervalMs: 300_000,
    normaliseArg(arg) {
      if (arg === undefined || arg.trim() === '') return undefined;
      const url = petitionUrlOf(arg.trim());
      if (!url) throw argError('src.arg.petition', { arg, sites: PETITION_SITES.join(', ') });
      return url;
    },
    missingSettings: () => [],
    async fetch(ctx: FetchContext): Promise<FetchResult> {
      const previous = PetitionsCursorSchema.safeParse(ctx.cursor);
      const cursor: PetitionsCursor = previous.success
        ? { since: previous.data.since, tracked: { ...previous.data.tracked } }
        : { since: ctx.now - FIRST_POLL_LOOKBACK_MS, tracked: {} };
      const limiter = settings.limiter ?? sharedLimiter();
      const uk = limiter.client(ctx.http, 'petitions', PETITIONS_RATE_RULES);
      // News searches (GDELT, Google News) are spaced as GDELT asks: one request per 5 s per host.
      const news = limiter.client(ctx.http, 'petitions', GDELT_RATE_RULES);
      const pages = limiter.client(ctx.http, 'petitions', PETITION_PAGE_RULES);
      const mentions: Mention[] = [];
      const partial = partialReadLog();
      const discovered = new Map<string, string>();

      if (ctx.spec.arg) discovered.set(ctx.spec.arg, ctx.spec.arg);
      for (const link of (await settings.petitionLinks?.(ctx.plan.id, cursor.since)) ?? []) {
        const url = petitionUrlOf(link);
        if (url) discovered.set(url, url);
      }
      // Petitions about the plan on the UK Parliament site come with their counts: no page fetch needed.
      const counted = new Map<string, UkPetition>();
      for (const words of wordsOf(ctx.plan, PETITIONS_SEARCH, 2)) {
        const list = await ukJson(uk, ctx, `/petitions.json?${new URLSearchParams({ q: words, state: 'open' })}`, UkListSchema);
        for (const petition of list.data) counted.set(ukUrl(petition), petition);
      }
      const sites = PETITION_SITES.map((s) => `domainis:${s}`).join(' OR ');
      for (const query of keywordsOf(ctx.plan, 'gdelt', 1)) {
        for (const article of await searchGdelt(news, settings.gdeltUrl, `${query} (${sites})`, cursor.since, {
          now: ctx.now,
          maxPages: 1,
          partial,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        })) {
          const url = petitionUrlOf(article.url);
          if (url) discovered.set(url, article.title ?? url);
        }
      }
      for (const query of keywordsOf(ctx.plan, 'googleNews', 1)) {
        const site = PETITION_SITES.map((s) => `site:${s}`).join(' OR ');
        const res = await news.request(
          gnewsSearchUrl(settings.gnewsUrl, `(${query}) (${site})`, { lang: ctx.plan.locale, region: editionRegion(ctx.plan.locale) }),
          ctx.signal ? { signal: ctx.signal } : {},
        );
        checkStatus(res, 'petitions', ctx.now);
        for (const item of (await parseFeed(res.body, 'petitions (Google News)')).items) {
          // Google News links go through Google: the item itself is the petition's news mention.
          if (!item.link || !item.title || (item.isoDate && Date.parse(item.isoDate) < cursor.since)) continue;
          const id = petitionUrlOf(item.link) ?? item.link;
          if (!cursor.tracked[id]) report(ctx, cursor, id, item.title, undefined, mentions);
        }
      }

      // Pages of sites Vigie can read (discovered now or tracked before) give the title and count as the site shows them.
      const read = new Map<string, PetitionPage>();
      const readable = [...new Set([...discovered.keys(), ...Object.keys(cursor.tracked)])].filter((u) => petitionSiteOf(u) !== undefined);
      for (const url of readable.slice(0, MAX_TRACKED)) {
        const page = await readPage(pages, ctx, url, partial);
        if (page) read.set(url, page);
      }
      for (const [url, page] of read) report(ctx, cursor, url, page.title, page.signatures, mentions);
      for (const [url, title] of discovered) {
        if (!counted.has(url) && !read.has(url) && !ukPetitionId(url)) report(ctx, cursor, url, title, undefined, mentions);
      }
      const ukTracked = new Set(
        [...discovered.keys(), ...Object.keys(cursor.tracked)].filter((u) => ukPetitionId(u) !== undefined && !counted.has(u)),
      );
      for (const url of [...ukTracked].slice(0, MAX_TRACKED)) {
        counted.set(url, (await ukJson(uk, ctx, `/petitions/${ukPetitionId(url)}.json`, UkOneSchema)).data);
      }
      for (const [url, petition] of counted) report(ctx, cursor, url, petition.attributes.action, petition.attributes.signature_count, mentions);

      // Tracking is bounded: the most recently reported petitions are kept.
      const kept = Object.entries(cursor.tracked)
        .sort((a, b) => b[1].reportedAt - a[1].reportedAt)
        .slice(0, MAX_TRACKED * 4);
      const partialRead = partial.result();
      return {
        mentions,
        cursor: { since: ctx.now, tracked: Object.fromEntries(kept) } satisfies PetitionsCursor,
        ...(partialRead ? { partial: partialRead } : {}),
      };
    },
  };
}
