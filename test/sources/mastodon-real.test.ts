import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/sources/http.js';
import { createMastodonSource } from '../../src/sources/mastodon.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext, testPlan } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function poll(routes: Record<string, string>, brand: string) {
  server = await startFixtureServer(routes);
  const source = createMastodonSource({ mastodonInstances: [server.url], limiter: createLimiter() });
  const result = await source.fetch({ ...fetchContext(http, { kind: 'mastodon' }), plan: testPlan({ what: { brand } }) });
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

describe('mastodon source on real Mastodon answers', () => {
  it('reads a status search of mastodon.social: HTML content to text, remote accounts, counts', async () => {
    const result = await poll({ '/api/v2/search': 'mastodon/search-mastodon-social.json' }, 'halcy');
    expect(result.mentions).toHaveLength(2);
    expect(result.mentions[0]).toMatchObject({
      url: 'https://icosahedron.website/@greg/116388148912635764',
      author: '@greg@icosahedron.website',
      lang: 'en',
      publishedAt: Date.parse('2026-04-11T21:16:53Z'),
      metrics: { likes: 0, reposts: 0, replies: 1, followers: 455 },
    });
    expect(result.mentions[0]?.text).toMatch(/^@cancel @halcy not only is this the classic hip-hop \/ funk sample/);
    expect(result.mentions[1]).toMatchObject({
      author: '@Jo@social.sublingual.xyz',
      text: '@halcy me when im riding my horse in stop and go traffic',
      publishedAt: Date.parse('2026-04-11T21:06:15Z'),
      metrics: { likes: 4, reposts: 1, replies: 0, followers: 893 },
    });
  });

  it('reads a hashtag timeline of a Mastodon 4.6 server: local accounts get the instance host', async () => {
    const result = await poll({ '/api/v1/timelines/tag/hoot': 'mastodon/tag-timeline.json' }, '#hoot');
    const host = new URL(server?.url ?? '').host;
    expect(result.mentions).toEqual([
      expect.objectContaining({
        id: 'mastodon:http://localhost:3000/ap/users/117020566092212359/statuses/117020593741189701',
        url: 'http://localhost:3000/@mastodonpy_test_2/117020593741189701',
        author: `@mastodonpy_test_2@${host}`,
        text: '#hoot (hashtag toot)',
        lang: 'ja',
        publishedAt: Date.parse('2026-08-01T13:55:55.867Z'),
      }),
    ]);
  });

  it('reads a timeline of eight statuses in order (public timeline, same Status entity as tag timelines)', async () => {
    const result = await poll({ '/api/v1/timelines/tag/hoot': 'mastodon/public-timeline.json' }, '#hoot');
    expect(result.mentions).toHaveLength(8);
    expect(result.mentions[0]).toMatchObject({ text: 'Toot, finally!', publishedAt: Date.parse('2026-08-01T13:55:50.338Z') });
    expect(result.mentions.at(-1)).toMatchObject({
      text: 'I have never stolen a ham in my life.',
      lang: 'en',
      publishedAt: Date.parse('2026-08-01T13:51:05.238Z'),
    });
  });
});
