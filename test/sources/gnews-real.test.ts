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
});
