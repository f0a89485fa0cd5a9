import Parser from 'rss-parser';
import { SourceError } from '../core/source-error.js';

/** One entry of an RSS 0.9x/1.0/2.0 or Atom 1.0 feed, as rss-parser gives it (fields Vigie reads). */
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
  /** `dc:creator` or RSS `<author>`. */
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
}

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
  parseItemAtom(entry: AtomEntryXml): FeedEntry;
}

/**
 * rss-parser, made tolerant of two things real feeds do: an Atom entry with an unreadable date (rss-parser
 * throws on it and loses the whole feed; here the entry just has no date, and gets the poll time), and an
 * Atom feed whose language is only in `xml:lang`.
 */
function createParser(): Parser<ParsedFeed, FeedEntry> {
  const parser = new Parser<ParsedFeed, FeedEntry>({ customFields: { item: ['source'] } });
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

/** Parse a feed document; anything that is not a readable feed is a `malformed` SourceError naming the reason. */
export async function parseFeed(xml: string, label: string): Promise<ParsedFeed> {
  try {
    const feed = await createParser().parseString(xml);
    return { ...feed, items: feed.items.map(normaliseEntry) };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new SourceError('malformed', `${label} is not a readable RSS or Atom feed (${reason})`, { cause: error });
  }
}

// xml2js gives an element with attributes as `{ _: text, $: attrs }`: keep the text only.
function normaliseEntry(entry: FeedEntry): FeedEntry {
  const out: Record<string, unknown> = { ...entry };
  for (const [key, value] of Object.entries(entry)) {
    if (value !== null && typeof value === 'object' && '_' in value) out[key] = (value as { _: unknown })._;
  }
  return out as FeedEntry;
}
