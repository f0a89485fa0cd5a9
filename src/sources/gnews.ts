import type { Plan } from '../core/plan.js';
import { entryId, entryTime, entryTitle, entryUrl } from './feed-mention.js';
import { pollFeed } from './feed-poll.js';
import type { Source } from './source.js';
import { argError } from './arg-error.js';
import { unwrapGoogleRedirect } from './google-link.js';

export interface GnewsSettings {
  /** VIGIE_GNEWS_URL, default https://news.google.com (tests point it at loopback). */
  gnewsUrl: string;
  /**
   * The plan's query in the search engine's syntax. Defaults to the raw brand query, which Google News
   * mostly understands ("exact phrases", OR, -term); the query-language translator plugs in here.
   */
  keywordQuery?: (plan: Plan) => string;
}

export interface NewsLocale {
  lang: string;
  region: string;
}

// A bare language is read with its most common edition; any other language needs its region.
const DEFAULT_REGION: Record<string, string> = { en: 'US', fr: 'FR', ar: 'MA' };

/** The country edition read for a plan language when the source names none (Arabic: Morocco, the seed team's). */
export function editionRegion(lang: string): string {
  return DEFAULT_REGION[lang] ?? 'US';
}

/** The languages Google News publishes editions in (its `hl` values), without their regional variants. */
const GNEWS_LANGUAGES: readonly string[] = [
  'ar',
  'bg',
  'bn',
  'cs',
  'de',
  'el',
  'en',
  'es',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ml',
  'mr',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sr',
  'sv',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'vi',
  'zh',
];

/** An ISO 3166 country: one the runtime can name, other than the codes kept for private use (AA, QM–QZ, XA–XZ, ZZ). */
function isCountry(code: string): boolean {
  if (/^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/.test(code)) return false;
  return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) !== undefined;
}

/** The `gnews` kind: Google News search RSS for the plan's brand query, in one edition (language and country). */
export function createGnewsSource(settings: GnewsSettings): Source {
  const keywordQuery = settings.keywordQuery ?? ((plan: Plan) => plan.what.brand);
  return {
    kind: 'gnews',
    // Google answers aggressive polling of news search with 503s and captchas.
    minIntervalMs: 240_000,
    normaliseArg: (arg) => (arg === undefined || arg.trim() === '' ? undefined : formatLocale(parseLocale(arg))),
    missingSettings: () => [],
    async fetch(ctx) {
      const locale = ctx.spec.arg ? parseLocale(ctx.spec.arg) : { lang: ctx.plan.locale, region: editionRegion(ctx.plan.locale) };
      const url = gnewsSearchUrl(settings.gnewsUrl, keywordQuery(ctx.plan), locale);
      return pollFeed(ctx, {
        url,
        label: `Google News (${formatLocale(locale)})`,
        toMention(entry, feed) {
          const link = unwrapGoogleRedirect(entryUrl(entry, { feed, feedUrl: url }));
          const headline = entryTitle(entry) ?? '';
          // Google News titles read "Headline - Publisher"; the publisher is the author. Older answers have no
          // <source> element, only that suffix.
          const publisher = entry.source?.trim() || publisherSuffix(headline);
          const title = publisher && headline.endsWith(` - ${publisher}`) ? headline.slice(0, -publisher.length - 3) : headline;
          return {
            id: entryId(entry, { kind: 'gnews', feedUrl: url, guidScope: 'global' }),
            sourceKind: 'gnews',
            url: link,
            author: publisher ?? 'Google News',
            text: title,
            ...(title ? { title } : {}),
            lang: locale.lang,
            publishedAt: entryTime(entry, ctx.now),
          };
        },
      });
    },
  };
}

/** "Headline - Publisher" → "Publisher"; undefined when the title has no such suffix. */
function publisherSuffix(headline: string): string | undefined {
  const cut = headline.lastIndexOf(' - ');
  const publisher = cut > 0 ? headline.slice(cut + 3).trim() : '';
  return publisher || undefined;
}

/** `…/rss/search?q=<query>&hl=<hl>&gl=<country>&ceid=<country>:<lang>`, as news.google.com builds it. */
export function gnewsSearchUrl(base: string, query: string, locale: NewsLocale): string {
  const url = new URL('rss/search', base.endsWith('/') ? base : `${base}/`);
  // English editions are named with their country (en-GB), the others by language alone (fr, ar).
  const hl = locale.lang === 'en' ? `en-${locale.region}` : locale.lang;
  url.search = new URLSearchParams({ q: query, hl, gl: locale.region, ceid: `${locale.region}:${locale.lang}` }).toString();
  return url.href;
}

export function parseLocale(arg: string): NewsLocale {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?$/i.exec(arg.trim());
  const lang = match?.[1]?.toLowerCase();
  const region = match?.[2]?.toUpperCase() ?? (lang ? DEFAULT_REGION[lang] : undefined);
  if (!lang || !region) throw argError('src.arg.gnews', { arg });
  // zz-ZZ has the right shape but names no edition: Google would answer an empty feed forever.
  if (!GNEWS_LANGUAGES.includes(lang) || !isCountry(region)) {
    throw argError('src.arg.gnews_unknown', { arg, languages: GNEWS_LANGUAGES.join(', ') });
  }
  return { lang, region };
}

function formatLocale(locale: NewsLocale): string {
  return `${locale.lang}-${locale.region}`;
}
