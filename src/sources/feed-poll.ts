import type { Mention } from '../core/mention.js';
import { SourceError } from '../core/source-error.js';
import { parseFeed, type FeedEntry, type ParsedFeed } from './feed-parser.js';
import { statusError } from './http-status.js';
import { partialReadLog } from './partial-read.js';
import type { FetchContext, FetchResult } from './source.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

export interface FeedPoll {
  url: string;
  /** Names the source in messages: "the feed https://…", "Google News (fr-MA)". */
  label: string;
  toMention(entry: FeedEntry, feed: ParsedFeed): Mention;
}

/**
 * One conditional GET of a feed, shared by every feed-based kind: 304 → nothing new; 401/403, 429 and other
 * errors → SourceError (see `statusError`); unreadable XML → `malformed`; else each entry as a mention. An
 * entry with nothing to show (no title, text or link) is skipped, and a document that broke off keeps the
 * entries before the break: both are reported in `partial`.
 */
export async function pollFeed(ctx: FetchContext, poll: FeedPoll): Promise<FetchResult> {
  const response = await ctx.http.request(poll.url, {
    headers: { accept: FEED_ACCEPT },
    ...(ctx.etag ? { etag: ctx.etag } : {}),
    ...(ctx.lastModified ? { lastModified: ctx.lastModified } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  if (response.status === 304) {
    return { mentions: [], notModified: true, ...validators(etag ?? ctx.etag, lastModified ?? ctx.lastModified) };
  }
  const error = statusError(response, poll.label, ctx.now);
  if (error) throw error;
  const feed = await parseFeed(response.body, poll.label);
  const partial = partialReadLog();
  if (feed.cut) partial.cut(`${poll.label} broke off after ${feed.items.length} entries (${feed.cut})`);
  const byId = new Map<string, Mention>();
  const empty = feed.items.filter((entry) => !entry.title && !entry.content && !entry.summary && !entry['content:encoded'] && !entry.link);
  if (empty.length > 0 && empty.length === feed.items.length) {
    throw new SourceError('malformed', `${poll.label}: none of its ${feed.items.length} entries has a title, text or link`);
  }
  for (const [index, entry] of feed.items.entries()) {
    if (empty.includes(entry)) {
      partial.skip(`${poll.label}: entry ${index + 1} has no title, text or link`);
      continue;
    }
    const mention = poll.toMention(entry, feed);
    if (!byId.has(mention.id)) byId.set(mention.id, mention);
  }
  const read = partial.result();
  return { mentions: [...byId.values()], ...validators(etag, lastModified), ...(read ? { partial: read } : {}) };
}

function validators(etag: string | undefined, lastModified: string | undefined): Pick<FetchResult, 'etag' | 'lastModified'> {
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}
