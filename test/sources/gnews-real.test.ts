import { afterEach, describe, expect, it } from 'vitest';
import { createGnewsSource } from '../../src/sources/gnews.js';
import { createHttpClient } from '../../src/sources/http.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function poll(fixture: string, edition: string) {
  server = await startFixtureServer({ '/rss/search': fixture });
  const result = await createGnewsSource({ gnewsUrl: server.url }).fetch(fetchContext(http, { kind: 'gnews', arg: edition }));
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

describe('gnews source on real Google News answers', () => {
  it('reads a French edition: publisher from <source>, the " - Publisher" suffix removed (fr-BE, 2020)', async () => {
    const result = await poll('gnews/a-la-une-fr-be-2020.xml', 'fr-BE');
    expect(result.mentions[0]).toMatchObject({
      title: 'Coronavirus en Belgique: 200 cas détectés au total, un nombre limité de tests effectués par manque de réactifs',
      author: 'RTBF',
      lang: 'fr',
      publishedAt: Date.parse('2020-03-08T10:32:07Z'),
    });
    expect(result.mentions[0]?.url).toMatch(/^https:\/\/news\.google\.com\/__i\/rss\/rd\/articles\/CBMiiwFodHRwczovL3d3dy5ydGJmLmJl/);
  });

  it('reads the older format: publisher only as the title suffix, links wrapped in news/url (en-US, 2017)', async () => {
    const result = await poll('gnews/search-food-2017.xml', 'en-US');
    expect(result.mentions).toHaveLength(10);
    expect(result.mentions[0]).toMatchObject({
      title: '14 killed as soldiers clash over drought food aid in Somalia',
      url: 'http://abcnews.go.com/International/wireStory/14-killed-soldiers-clash-drought-food-aid-somalia-47937452',
      author: 'ABC News',
      publishedAt: Date.parse('2017-06-09T13:49:25Z'),
    });
    // "… - ABC News - ABC News": only the last suffix is the publisher.
    expect(result.mentions.find((m) => m.url.includes('alabama-execute'))?.title).toBe(
      "Alabama executes man for '94 killing of fast-food workers - ABC News",
    );
    expect(result.mentions.at(-1)).toMatchObject({
      title: 'Rodent feces, bugs found during Muskegon-area April food inspections',
      url: 'http://www.mlive.com/news/muskegon/index.ssf/2017/06/rodent_feces_mold_in_cooler_fo.html',
      author: 'MLive.com',
      publishedAt: Date.parse('2017-06-09T12:14:32Z'),
    });
  });

  it("reads a 2026 search answer in Google's own order (relevance, not date), publishers from <source> (en-GB, Brent)", async () => {
    const result = await poll('gnews/search-brent-en-gb-2026.xml', 'en-GB');
    expect(result.mentions).toHaveLength(6);
    expect(result.partial).toBeUndefined();
    expect(server?.requests[0]?.query.get('hl')).toBe('en-GB');
    expect(result.mentions[0]).toMatchObject({
      title: 'Middle East War Triggers New Global Refining Boom',
      text: 'Middle East War Triggers New Global Refining Boom',
      // A publisher name that holds " | " and is the whole suffix.
      author: 'Crude Oil Prices Today | OilPrice.com',
      lang: 'en',
      publishedAt: Date.parse('2026-08-05T00:00:00Z'),
    });
    // Google's article links are opaque (CBMi…): kept as Google gives them, not guessed.
    expect(result.mentions[0]?.url).toMatch(/^https:\/\/news\.google\.com\/rss\/articles\/CBMingFBVV95cUxPYUY5ZFFNX2tGaXNK.*\?oc=5$/);
    expect(result.mentions.map((m) => m.author)).toEqual([
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'BBC',
      'NBC News',
    ]);
    // The feed's order is kept: the fourth item is newer than the third.
    expect(result.mentions.map((m) => new Date(m.publishedAt).toISOString())).toEqual([
      '2026-08-05T00:00:00.000Z',
      '2026-08-04T20:44:00.000Z',
      '2026-08-03T20:00:00.000Z',
      '2026-08-03T23:00:00.000Z',
      '2026-07-27T07:00:00.000Z',
      '2026-07-23T07:00:00.000Z',
    ]);
    expect(result.mentions.at(-1)).toMatchObject({ title: 'Oil prices surge to $100 per barrel after Red Sea attacks', author: 'NBC News' });
  });
});
