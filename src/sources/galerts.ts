import { entryUrl, hostOf, mentionFromEntry } from './feed-mention.js';
import { pollFeed } from './feed-poll.js';
import type { Source } from './source.js';
import { argError } from './arg-error.js';
import { unwrapGoogleRedirect } from './google-link.js';

export interface GalertsSettings {
  /** VIGIE_GALERTS_URL, default https://www.google.com/alerts/feeds (tests point it at loopback). */
  galertsUrl: string;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The `galerts` kind: a Google Alerts RSS (Atom) feed. The argument is kept as `<user>/<id>`. */
export function createGalertsSource(settings: GalertsSettings): Source {
  return {
    kind: 'galerts',
    minIntervalMs: 240_000,
    normaliseArg: (arg) => alertPath(arg),
    missingSettings: () => [],
    async fetch(ctx) {
      const path = alertPath(ctx.spec.arg);
      const feedUrl = `${settings.galertsUrl.replace(/\/+$/, '')}/${path}`;
      return pollFeed(ctx, {
        url: feedUrl,
        label: `the Google Alerts feed ${path}`,
        toMention(entry, feed) {
          const mention = mentionFromEntry(entry, { kind: 'galerts', feedUrl, feed, now: ctx.now, guidScope: 'global' });
          const url = unwrapGoogleRedirect(entryUrl(entry, { feed, feedUrl }));
          // Alerts have no author: the site that published the page stands for it.
          return { ...mention, url, author: hostOf(url) };
        },
      });
    },
  };
}

/** `https://www.google.com/alerts/feeds/<user>/<id>` or `<user>/<id>` → `<user>/<id>`. */
export function alertPath(arg: string | undefined): string {
  const raw = (arg ?? '').trim().replace(/^<([^|>]*)(\|[^>]*)?>$/, '$1');
  const path = /\/alerts\/feeds\/([^/?#]+\/[^/?#]+)\/?(?:[?#].*)?$/.exec(raw)?.[1] ?? raw;
  const [user, id, extra] = path.split('/');
  if (!user || !id || extra !== undefined || !SEGMENT.test(user) || !SEGMENT.test(id)) {
    throw raw ? argError('src.arg.galerts', { arg: raw }) : argError('src.arg.galerts_needed');
  }
  return `${user}/${id}`;
}
