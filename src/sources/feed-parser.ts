import type Parser from 'rss-parser';
import { SourceError } from '../core/source-error.js';
import { parseFeedDate } from './feed-date.js';

/**
 * One entry of an RSS 0.9x/1.0/2.0 or Atom 1.0 feed, with what rss-parser misses in real feeds filled in:
 * a guid permalink or an Atom `<link>` inside RSS as the link, an Atom `<author>` inside RSS as the author,
 * an Atom `<published>`/`<updated>` inside RSS as the date.
 */
export interface FeedEntry {
  guid?: string;
  /** Atom `<id>`. */
  id?: string;
  link?: string;
  title?: string;
  /** RSS `<description>` or Atom `<content>`, HTML. */
  content?: string;
  'content:encoded'?: string;
  summary?: string;
  /** `dc:creator`, RSS `<author>` or an Atom author's name. */
  creator?: string;
  /** Atom `<author><name>`. */
  author?: string;
  pubDate?: string;
  isoDate?: string;
  /** `dc:language`. */
  language?: string;
  /** RSS `<source>`: the publisher, in Google News feeds. */
  source?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  /** RSS `<language>` or Atom `xml:lang`. */
  language?: string;
  items: FeedEntry[];
  /** The document broke off before its end (the parser's reason): `items` are those before the break. */
  cut?: string;
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';

interface AtomXml {
  feed?: { $?: Record<string, string> };
}
interface AtomEntryXml {
  published?: unknown[];
  updated?: unknown[];
}
/** rss-parser internals patched below; they exist in rss-parser 3.x. */
interface ParserInternals {
  buildAtomFeed(xml: AtomXml): ParsedFeed;
  parseItemAtom(entry: AtomEntryXml): RawEntry;
}

/** An entry as rss-parser returns it with the custom fields below: elements it does not know stay raw. */
interface RawEntry extends Record<string, unknown> {
  guidElements?: unknown[];
  atomLinks?: unknown[];
  atomAuthors?: unknown[];
  atomPublished?: unknown;
  atomUpdated?: unknown;
  atomContent?: unknown;
  atomSummary?: unknown;
  'rdf:about'?: unknown;
}

/**
 * Prefixes bound to the Atom namespace anywhere in the document: .NET's syndication writer emits `a10:`,
 * FeedBurner `atom10:`, others `atom:`. Atom elements inside RSS items are read under any of them.
 */
function atomPrefixes(xml: string): string[] {
  const prefixes = new Set<string>();
  for (const match of xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) {
    if (match[2] === ATOM_NS && match[1]) prefixes.add(match[1]);
  }
  return [...prefixes];
}

/**
 * rss-parser, made tolerant of what real feeds do: `<rss>` with no or an unknown `version` is read as RSS 2.0;
 * an Atom entry with an unreadable date keeps the entry (without the date) instead of losing the feed; an Atom
 * feed whose language is only in `xml:lang` keeps it; Atom elements inside RSS items are kept.
 */
async function createParser(prefixes: string[]): Promise<Parser<ParsedFeed, RawEntry>> {
  // rss-parser (and xml2js under it) is loaded by the first feed read, not at start-up.
  const { default: RssParser } = await import('rss-parser');
  const atomFields = prefixes.flatMap(
    (p): Array<[string, string, { keepArray: boolean }] | [string, string]> => [
      [`${p}:link`, 'atomLinks', { keepArray: true }],
      [`${p}:author`, 'atomAuthors', { keepArray: true }],
      [`${p}:published`, 'atomPublished'],
      [`${p}:updated`, 'atomUpdated'],
      [`${p}:content`, 'atomContent'],
      [`${p}:summary`, 'atomSummary'],
    ],
  );
  const parser = new RssParser<ParsedFeed, RawEntry>({
    defaultRSS: 2,
    customFields: { item: ['source', ['guid', 'guidElements', { keepArray: true }], ...atomFields] },
  });
  const internals = parser as unknown as ParserInternals;
  const parseItemAtom = internals.parseItemAtom.bind(parser);
  const buildAtomFeed = internals.buildAtomFeed.bind(parser);
  internals.parseItemAtom = (entry) => {
    const readable = (dates: unknown[] | undefined): boolean => typeof dates?.[0] === 'string' && !Number.isNaN(Date.parse(dates[0]));
    const { published, updated, ...rest } = entry;
    return parseItemAtom({ ...rest, ...(readable(published) ? { published } : {}), ...(readable(updated) ? { updated } : {}) });
  };
  internals.buildAtomFeed = (xml) => {
    const feed = buildAtomFeed(xml);
    const lang = xml.feed?.$?.['xml:lang'];
    if (!feed.language && lang) feed.language = lang;
    return feed;
  };
  return parser;
}

/**
 * Parse an XML document the way real feeds need it: as it is first; when that fails, with HTML entities
 * repaired; when that fails too, up to where it breaks off (`cut` says why). Throws the first error when
 * nothing of it can be read.
 */
export async function parseTolerantly<T>(xml: string, parse: (text: string) => Promise<T>): Promise<{ value: T; cut?: string }> {
  let firstError: unknown;
  try {
    return { value: await parse(xml) };
  } catch (error) {
    firstError = error;
  }
  const { brokenOff, repairEntities } = await import('./xml-repair.js');
  const repaired = repairEntities(xml);
  if (repaired !== xml) {
    try {
      return { value: await parse(repaired) };
    } catch {
      // Still broken: read what comes before the break.
    }
  }
  const partial = brokenOff(repaired);
  if (partial) {
    try {
      return { value: await parse(partial.xml), cut: partial.reason };
    } catch {
      // Not readable even up to the break: the first reason is the one to report.
    }
  }
  throw firstError;
}

/**
 * Atom `type="xhtml"` text is markup inside the feed; xml2js keeps its text nodes apart from its elements and
 * loses their order ("submitted by to /u/x" instead of "submitted by /u/x to r/y"). It is turned into the same
 * markup escaped as `type="html"`, which keeps the order.
 */
export function xhtmlAsHtml(xml: string): string {
  return xml.replace(
    /<(content|summary|title)(\s[^>]*?)\btype\s*=\s*(["'])xhtml\3([^>]*)>([\s\S]*?)<\/\1\s*>/g,
    (_whole, name: string, before: string, quote: string, after: string, inner: string) =>
      `<${name}${before}type=${quote}html${quote}${after}>${inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</${name}>`,
  );
}

/** Parse a feed document (see `parseTolerantly`); anything that is not a readable feed is a `malformed` SourceError naming the reason. */
export async function parseFeed(xml: string, label: string): Promise<ParsedFeed> {
  const parser = await createParser(atomPrefixes(xml));
  try {
    const { value, cut } = await parseTolerantly(xhtmlAsHtml(xml), (text) => parser.parseString(text));
    return { ...value, items: value.items.map(normaliseEntry), ...(cut ? { cut } : {}) };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new SourceError('malformed', `${label} is not a readable RSS or Atom feed (${reason})`, { cause: error });
  }
}

function normaliseEntry(raw: RawEntry): FeedEntry {
  const entry: FeedEntry = {};
  for (const key of [
    'guid',
    'id',
    'link',
    'title',
    'content',
    'content:encoded',
    'summary',
    'creator',
    'author',
    'pubDate',
    'isoDate',
    'language',
    'source',
  ] as const) {
    const value = text(raw[key]);
    if (value !== undefined) entry[key] = value;
  }
  const link = entry.link ?? atomLink(raw.atomLinks) ?? permalinkGuid(raw.guidElements) ?? text(raw['rdf:about']);
  if (link) entry.link = link;
  const creator = entry.creator ?? entry.author ?? atomAuthorName(raw.atomAuthors);
  if (creator) entry.creator = creator;
  const isoDate = entry.isoDate ?? isoOf(entry.pubDate) ?? isoOf(raw.date) ?? isoOf(raw.atomPublished) ?? isoOf(raw.atomUpdated);
  if (isoDate) entry.isoDate = isoDate;
  const content = entry.content ?? text(raw.atomContent);
  if (content) entry.content = content;
  const summary = entry.summary ?? text(raw.atomSummary);
  if (summary) entry.summary = summary;
  return entry;
}

/** `<link rel="alternate" href=…>` (or with no rel) among Atom links; the first with an href otherwise. */
function atomLink(links: unknown[] | undefined): string | undefined {
  const hrefs = (links ?? []).map((link) => attributes(link)).filter((a) => typeof a.href === 'string' && a.href.trim() !== '');
  const alternate = hrefs.find((a) => a.rel === undefined || a.rel === 'alternate') ?? hrefs[0];
  return alternate?.href?.trim();
}

function atomAuthorName(authors: unknown[] | undefined): string | undefined {
  for (const author of authors ?? []) {
    if (author === null || typeof author !== 'object') continue;
    const name = Object.entries(author).find(([key]) => key === 'name' || key.endsWith(':name'))?.[1];
    const value = text(Array.isArray(name) ? name[0] : name);
    if (value) return value;
  }
  return undefined;
}

/**
 * A `<guid>` is the item's permalink unless it says `isPermaLink="false"` (RSS 2.0: absent means true), and
 * only when it is an absolute http(s) URL: many feeds put bare ids there without saying so.
 */
function permalinkGuid(guids: unknown[] | undefined): string | undefined {
  const guid = guids?.[0];
  if (attributes(guid).isPermaLink?.trim().toLowerCase() === 'false') return undefined;
  const value = text(guid);
  if (!value || !/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
}

function isoOf(value: unknown): string | undefined {
  const date = text(value);
  const at = date === undefined ? undefined : parseFeedDate(date);
  return at === undefined ? undefined : new Date(at).toISOString();
}

function attributes(element: unknown): Record<string, string | undefined> {
  if (element === null || typeof element !== 'object' || !('$' in element)) return {};
  const attrs = (element as { $: unknown }).$;
  return attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, string | undefined>) : {};
}

// xml2js gives an element with attributes as `{ _: text, $: attrs }`: the text is what is read.
function text(value: unknown): string | undefined {
  const raw = value !== null && typeof value === 'object' && '_' in value ? (value as { _: unknown })._ : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}
