import type { Source } from './source.js';
import { argError } from './arg-error.js';
import { mentionFromEntry } from './feed-mention.js';
import { pollFeed } from './feed-poll.js';

/** The `rss` kind: any RSS 0.9x/1.0/2.0 or Atom 1.0 feed, by URL. */
export function createRssSource(): Source {
  return {
    kind: 'rss',
    minIntervalMs: 60_000,
    normaliseArg: (arg) => feedUrlArg(arg, 'rss'),
    missingSettings: () => [],
    async fetch(ctx) {
      const feedUrl = feedUrlArg(ctx.spec.arg, 'rss');
      return pollFeed(ctx, {
        url: feedUrl,
        label: `the feed ${feedUrl}`,
        toMention: (entry, feed) => mentionFromEntry(entry, { kind: 'rss', feedUrl, feed, now: ctx.now }),
      });
    },
  };
}

/**
 * A feed URL as users type it: Slack's `<https://…|label>` link markup is unwrapped, a missing scheme means
 * https. Only http(s) URLs pass; whether the host is allowed is decided at fetch time, after DNS.
 */
function feedUrlArg(arg: string | undefined, kind: string): string {
  const raw = (arg ?? '').trim().replace(/^<([^|>]*)(\|[^>]*)?>$/, '$1');
  if (!raw) throw argError('src.arg.feed_needed', { kind });
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw argError('src.arg.not_url', { kind, arg: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw argError('src.arg.not_url', { kind, arg: raw });
  }
  // "notaurl" would become https://notaurl/: a word typed without a scheme is a URL only if its host has a dot.
  if (withScheme !== raw && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    throw argError('src.arg.not_url', { kind, arg: raw });
  }
  return url.href;
}
