import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { createXSource } from '../../src/sources/x.js';
import { type FixtureServer, type Route, fixtureBytes, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function search(route: Route | string) {
  server = await startFixtureServer({ '/2/tweets/search/recent': route });
  const source = createXSource({ xUrl: server.url, xBearerToken: 'bearer', xDailyReads: 1000, limiter: createLimiter() });
  return source.fetch(fetchContext(http, { kind: 'x' }));
}

describe('x source on real search pages', () => {
  it('keeps posts that came without created_at, timed by their id (tweepy page, no tweet.fields)', async () => {
    const result = await search('x/search-recent-tweepy.json');
    expect(result.mentions).toHaveLength(10);
    expect(result.partial).toBeUndefined();
    expect(result.mentions[0]).toMatchObject({
      id: 'x:1578516068309794817',
      url: 'https://x.com/i/web/status/1578516068309794817',
      text: '2022-10-07 22:42:12.637103 tweepy',
    });
    // Each post's text is the time its client sent it: the id's time is that, give or take the trip to X.
    for (const mention of result.mentions) {
      const sent = Date.parse(`${mention.text.slice(0, 23).replace(' ', 'T')}Z`);
      expect(Math.abs(mention.publishedAt - sent)).toBeLessThan(2_000);
    }
    expect(result.cursor).toEqual({ sinceId: '1578516068309794817' });
    expect(result.usage?.used).toBe(10);
  });

  it('reads a page with expansions and metrics, in order (full-archive answer of the same shape)', async () => {
    const all = await search('x/search-all-tweepy.json');
    expect(all.mentions.map((m) => m.id)[0]).toBe('x:1578520094778740736');
    expect(all.mentions[1]?.text).toMatch(/^RT @t6dr1ve: #TwitterBots go away!/);
    const result = await search('x/search-twitwi.json');
    expect(result.mentions).toHaveLength(10);
    expect(result.mentions[0]).toMatchObject({
      id: 'x:1383055313276964865',
      url: 'https://x.com/Mehbub89927336/status/1383055313276964865',
      author: '@Mehbub89927336',
      lang: 'en',
      publishedAt: Date.parse('2021-04-16T13:50:57Z'),
      metrics: { likes: 0, reposts: 257, replies: 0, quotes: 0, views: 32, followers: 469 },
    });
    expect(result.mentions.at(-1)).toMatchObject({ id: 'x:1383054697423015942', publishedAt: Date.parse('2021-04-16T13:48:30Z') });
  });

  it('skips one unreadable post and keeps the rest of the billed page (the real page with a post damaged)', async () => {
    const page = JSON.parse(fixtureBytes('x/search-twitwi.json').toString('utf8')) as { data: Array<Record<string, unknown>> };
    delete page.data[3]?.text;
    const result = await search({ body: JSON.stringify(page), contentType: 'application/json' });
    expect(result.mentions).toHaveLength(9);
    expect(result.mentions.map((m) => m.id)).not.toContain(`x:${String(page.data[3]?.id)}`);
    expect(result.partial).toMatchObject({ skipped: 1 });
    expect(result.partial?.detail).toMatch(/^x: item 4 \(\d+\) skipped at text: /);
    // Billed reads count every post of the page, the skipped one included.
    expect(result.usage?.used).toBe(10);
  });
});
