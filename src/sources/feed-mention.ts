import { createHash } from 'node:crypto';
import type { Mention, SourceKind } from '../core/mention.js';
import type { FeedEntry, ParsedFeed } from './feed-parser.js';
import { htmlToText, truncateText } from './html-text.js';

/** Bounds on what one mention carries: feeds sometimes put whole articles in their items. */
const MAX_TEXT_CHARS = 4000;
const MAX_TITLE_CHARS = 300;

export interface EntryContext {
  kind: SourceKind;
  /** The feed URL as the plan names it: scopes guids that are not globally unique. */
  feedUrl: string;
  feed: ParsedFeed;
  now: number;
  /**
   * `global`: the feed's guids are unique everywhere (Google News article ids), so the same item found through
   * two feeds is one mention. `feed` (default): a guid like "42" only means something within its feed,
   * unless it is itself a URI.
   */
  guidScope?: 'global' | 'feed';
}

/** An RSS/Atom entry as a mention. Sources with a special feed shape (gnews, galerts) override single fields. */
export function mentionFromEntry(entry: FeedEntry, ctx: EntryContext): Mention {
  const url = entryUrl(entry, ctx);
  const title = entryTitle(entry);
  const body = entryBody(entry);
  const lang = languageTag(text(entry.language) ?? ctx.feed.language);
  const person = text(entry.creator) ?? text(entry.author);
  return {
    id: entryId(entry, ctx),
    sourceKind: ctx.kind,
    url,
    // Without an author the feed's title names the item, but nobody to reply to: drafts address people only.
    author: person ?? text(ctx.feed.title) ?? hostOf(url),
    ...(person ? {} : { byline: 'publication' as const }),
    text: truncateText(body || title || '', MAX_TEXT_CHARS),
    ...(title ? { title } : {}),
    ...(lang ? { lang } : {}),
    publishedAt: entryTime(entry, ctx.now),
  };
}

/**
 * A stable id, so an item is counted once across polls and restarts: the guid (or Atom id), else the link,
 * else a hash of title, raw date and content. Hashed to a fixed length, prefixed by the kind.
 */
export function entryId(entry: FeedEntry, ctx: Pick<EntryContext, 'kind' | 'feedUrl' | 'guidScope'>): string {
  const guid = text(entry.guid) ?? text(entry.id);
  const link = text(entry.link);
  let key: string;
  if (guid) key = ctx.guidScope === 'global' || /^[a-z][a-z0-9+.-]*:/i.test(guid) ? `guid ${guid}` : `guid ${ctx.feedUrl} ${guid}`;
  else if (link) key = `link ${resolveUrl(link, ctx.feedUrl) ?? link}`;
  else key = `hash ${text(entry.title) ?? ''}\n${text(entry.pubDate) ?? text(entry.isoDate) ?? ''}\n${entryBody(entry)}`;
  return `${ctx.kind}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

/**
 * Publication time in epoch ms. A missing or unreadable date becomes the poll time (`now`): the item is new to
 * us, and bucketing it "now" is the least wrong choice. A date in the future (a wrong time zone) is clamped
 * to `now` too, so it never lands in a bucket that does not exist yet.
 */
export function entryTime(entry: FeedEntry, now: number): number {
  for (const candidate of [entry.isoDate, entry.pubDate]) {
    const value = text(candidate);
    if (value === undefined) continue;
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.min(at, now);
  }
  return now;
}

export function entryTitle(entry: FeedEntry): string | undefined {
  const title = text(entry.title);
  return title ? truncateText(htmlToText(title), MAX_TITLE_CHARS) || undefined : undefined;
}

function entryBody(entry: FeedEntry): string {
  const html = text(entry['content:encoded']) ?? text(entry.content) ?? text(entry.summary) ?? '';
  return htmlToText(html);
}

export function entryUrl(entry: FeedEntry, ctx: Pick<EntryContext, 'feed' | 'feedUrl'>): string {
  const link = text(entry.link);
  return (link && resolveUrl(link, ctx.feedUrl)) ?? text(ctx.feed.link) ?? ctx.feedUrl;
}

/** `fr-FR`, `FR`, `fr_ma` → `fr`; anything else → undefined. */
function languageTag(value: string | undefined): string | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function resolveUrl(link: string, base: string): string | undefined {
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
