import { afterEach, describe, expect, it } from 'vitest';
import { createBlueskySource } from '../../src/sources/bluesky.js';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

// The login is plumbing around the payload under test: a minimal session in the documented shape stands in for it.
const SESSION = {
  body: '{"did":"did:plc:vigie","handle":"vigie.bsky.social","accessJwt":"access","refreshJwt":"refresh"}',
  contentType: 'application/json',
};

async function search(fixture: string) {
  server = await startFixtureServer({ '/xrpc/com.atproto.server.createSession': SESSION, '/xrpc/app.bsky.feed.searchPosts': fixture });
  const source = createBlueskySource({
    blueskyUrl: server.url,
    blueskyHandle: 'vigie.bsky.social',
    blueskyAppPassword: 'app-pass',
    blueskyMaxPages: 1,
    limiter: createLimiter(),
  });
  // A cursor from long ago, so that every recorded post is new.
  const result = await source.fetch({ ...fetchContext(http, { kind: 'bluesky' }), cursor: { since: '2020-01-01T00:00:00.000Z', uris: [] } });
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

describe('bluesky source on real searchPosts answers', () => {
  it('reads 25 posts in order, with counts, and writes shortened links out in full from their facets', async () => {
    const result = await search('bluesky/search-redistricting.json');
    expect(result.mentions).toHaveLength(25);
    expect(result.mentions[0]).toMatchObject({
      id: 'at://did:plc:kkergqgbhb56ptpwj2wenkje/app.bsky.feed.post/3lpk2u6qo222m',
      url: 'https://bsky.app/profile/socpaperbot.bsky.social/post/3lpk2u6qo222m',
      author: '@socpaperbot.bsky.social',
      publishedAt: Date.parse('2025-05-19T17:10:09.561Z'),
      metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
    });
    expect(result.mentions[0]?.text).toMatch(
      /^Ends Versus Means: Public Opinion on Congressional Redistricting https:\/\/osf\.io\/v87fn State-level/,
    );
    // Earlier of createdAt and indexedAt.
    expect(result.mentions[1]).toMatchObject({ author: '@cjtackett.bsky.social', lang: 'en', publishedAt: Date.parse('2025-05-19T17:08:27.677Z') });
    // The client showed "drive.google.com/file/d/1wZ7W..."; the facet holds the address.
    expect(result.mentions.at(-1)?.text).toMatch(/\n\nhttps:\/\/drive\.google\.com\/file\/d\/1wZ7W8GA3EuJuAhpZWL8We4AyfVe8fjki\/view\?usp=sharing$/);
    expect(result.mentions.at(-1)?.publishedAt).toBe(Date.parse('2025-05-19T00:16:50.191Z'));
  });

  it('reads the single-post answers recorded by two versions of the atrrr tests', async () => {
    for (const fixture of ['bluesky/search-atrrr-b1263.json', 'bluesky/search-atrrr-c3e67.json']) {
      const [post] = (await search(fixture)).mentions;
      expect(post).toMatchObject({
        url: 'https://bsky.app/profile/jbgruber.bsky.social/post/3lcmymlgxwa2t',
        author: '@jbgruber.bsky.social',
        publishedAt: Date.parse('2024-12-06T10:40:32.629Z'),
        text: "Have you heard about the #rstats package {atrrr}? I'm working on it right now to eliminate some bugs:\n\nhttps://jbgruber.github.io/atrrr",
      });
      await server?.close();
      server = undefined;
    }
  });
});
