import { describe, expect, it } from 'vitest';
import { createBlueskySource } from '../../src/sources/bluesky.js';
import { createBlueskyStreamSource } from '../../src/sources/bluesky-stream.js';
import { createGdeltSource } from '../../src/sources/gdelt.js';
import { createHnSource } from '../../src/sources/hn.js';
import { createMastodonSource } from '../../src/sources/mastodon.js';
import { createPetitionsSource } from '../../src/sources/petitions.js';
import { createRedditSource } from '../../src/sources/reddit.js';
import { createXSource } from '../../src/sources/x.js';
import { createYoutubeSource } from '../../src/sources/youtube.js';

/** The kinds of this area, built the way the registry builds them: every factory from one merged settings object. */
const FACTORIES = [
  createXSource,
  createBlueskySource,
  createBlueskyStreamSource,
  createMastodonSource,
  createRedditSource,
  createHnSource,
  createYoutubeSource,
  createGdeltSource,
  createPetitionsSource,
] as const;

const defaults = {
  xUrl: 'https://api.x.com',
  xDailyReads: 500,
  blueskyUrl: 'https://bsky.social',
  blueskyStreamUrl: 'wss://jetstream2.us-east.bsky.network',
  mastodonInstances: ['https://mastodon.social'],
  redditUrl: 'https://www.reddit.com',
  redditOauthUrl: 'https://oauth.reddit.com',
  hnUrl: 'https://hn.algolia.com',
  youtubeUrl: 'https://www.youtube.com',
  youtubeApiUrl: 'https://www.googleapis.com',
  youtubeDailyQuota: 10_000,
  gdeltUrl: 'https://api.gdeltproject.org',
  gnewsUrl: 'https://news.google.com',
  petitionsUrl: 'https://petition.parliament.uk',
};

describe('source kinds of the dominoes', () => {
  it('are built from one settings object, one per kind, nothing connecting before the first poll', () => {
    const kinds = FACTORIES.map((factory) => factory(defaults).kind);
    expect(kinds).toEqual(['x', 'bluesky', 'bluesky-stream', 'mastodon', 'reddit', 'hn', 'youtube', 'gdelt', 'petitions']);
  });

  it('name the settings a keyed kind lacks, and nothing for keyless ones', () => {
    const missing = Object.fromEntries(FACTORIES.map((factory) => factory(defaults)).map((s) => [s.kind, s.missingSettings()]));
    expect(missing).toEqual({
      x: ['X_BEARER_TOKEN'],
      bluesky: ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'],
      'bluesky-stream': [],
      mastodon: [],
      reddit: [],
      hn: [],
      youtube: [],
      gdelt: [],
      petitions: [],
    });
    const keyed = { ...defaults, xBearerToken: 't', blueskyHandle: 'h', blueskyAppPassword: 'p' };
    expect(FACTORIES.flatMap((factory) => factory(keyed).missingSettings())).toEqual([]);
  });

  it('poll no faster than each platform allows', () => {
    for (const factory of FACTORIES) expect(factory(defaults).minIntervalMs).toBeGreaterThanOrEqual(30_000);
  });
});
