import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { createYoutubeSource } from '../../src/sources/youtube.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
const CHANNEL = 'UCBcRF18a7Qf58cCRy5xuWwQ';
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function channelFeed(fixture: string) {
  server = await startFixtureServer({ '/feeds/videos.xml': fixture });
  const source = createYoutubeSource({ youtubeUrl: server.url, youtubeApiUrl: server.url, youtubeDailyQuota: 10_000, limiter: createLimiter() });
  const result = await source.fetch(fetchContext(http, { kind: 'youtube', arg: CHANNEL }));
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

async function apiSearch(fixture: string) {
  // videos.list answers for statistics; this recorded one (part=snippet) has none, so counts stay absent.
  server = await startFixtureServer({ '/youtube/v3/search': fixture, '/youtube/v3/videos': 'youtube/api-videos-statistics.json' });
  const source = createYoutubeSource({
    youtubeUrl: server.url,
    youtubeApiUrl: server.url,
    youtubeApiKey: 'AIza-test',
    youtubeDailyQuota: 10_000,
    limiter: createLimiter(),
  });
  const result = await source.fetch({ ...fetchContext(http, { kind: 'youtube' }), cursor: { since: 0, ids: [] } });
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

describe('youtube source on real channel feeds', () => {
  it('reads video id, title, description, channel and publication time, in feed order', async () => {
    const l2 = await channelFeed('youtube/channel-feed-rss-parser.xml');
    expect(l2.mentions).toHaveLength(15);
    expect(l2.mentions[0]).toMatchObject({
      id: 'youtube:lR-w1h5ONOY',
      url: 'https://www.youtube.com/watch?v=lR-w1h5ONOY',
      author: 'L2inc',
      title: 'Buy Now, Bitches*',
      publishedAt: Date.parse('2017-09-14T18:03:34Z'),
    });
    expect(l2.mentions[0]?.text).toMatch(/^Buy Now, Bitches\*\nScott's Book "The Four" http:\/\/amzn\.to\/2x4ScEM/);
    const google = await channelFeed('youtube/channel-feed-feedjira.xml');
    expect(google.mentions).toHaveLength(15);
    expect(google.mentions[0]).toMatchObject({
      id: 'youtube:5shykyfmb28',
      author: 'Google',
      title: 'The Google app: Questions Title',
      publishedAt: Date.parse('2015-05-04T00:01:27Z'),
      metrics: { likes: 3546, views: 251497 },
    });
    const [kotlin] = (await channelFeed('youtube/channel-feed-prof18.xml')).mentions;
    expect(kotlin).toMatchObject({
      id: 'youtube:ULBuIB9lHkc',
      author: 'Kotlin by JetBrains',
      title: 'Multi-dollar String Interpolation in Kotlin | $$',
    });
  });
});

describe('youtube source on real Data API search answers', () => {
  it('unescapes the HTML the Data API puts in titles and descriptions (&#39;, &amp;)', async () => {
    const result = await apiSearch('youtube/api-search-keywords.json');
    expect(result.mentions).toHaveLength(25);
    const byId = new Map(result.mentions.map((m) => [m.id, m]));
    expect(byId.get('youtube:i2hewkFijuY')).toMatchObject({ title: 'SURFING PERFECT PIPE & BACKDOOR || SUNRISE SHACK!', author: 'Koa Rothman' });
    expect(byId.get('youtube:nkhpGC10OVw')?.title).toBe("World's best surfing 2017");
    expect(byId.get('youtube:2nX5Sjsd5To')?.title).toBe("DANGEROUS SEWER DRAIN SURFING! | Jamie O'Brien");
    expect(result.mentions[0]).toMatchObject({
      id: 'youtube:gQ_1zX-F_No',
      url: 'https://www.youtube.com/watch?v=gQ_1zX-F_No',
      author: "Jamie O'Brien",
      title: 'SURFING HAWAII’S BEST WAVE WITH MY GIRLFRIEND (PIPELINE)',
      publishedAt: Date.parse('2019-12-05T19:00:10Z'),
    });
    for (const mention of result.mentions) expect(mention.title ?? '').not.toMatch(/&(#\d+|amp|quot|#39);/);
  });

  it('reads location and channel searches the same way', async () => {
    const location = await apiSearch('youtube/api-search-location.json');
    expect(location.mentions.find((m) => m.id === 'youtube:dnFxU2mik74')?.title).toBe("JAMIE O'BRIEN NEAR DEATH SURFING PIPELINE (OAHU, HAWAII)");
    expect(location.mentions.find((m) => m.id === 'youtube:R86-eGa96bQ')?.title).toBe(
      'SURFING WITH 11x WORLD CHAMPION SURFER!! Scored Pipeline, Waimea River & Cleaned Up 300 lbs Of Trash',
    );
    const channel = await apiSearch('youtube/api-search-channel.json');
    expect(channel.mentions[0]).toMatchObject({ id: 'youtube:LrQWzOkC0XQ', author: 'Google Developers' });
    expect(channel.mentions.find((m) => m.id === 'youtube:lVQ1EKR1v1I')?.title).toBe("YouTube's API and The News");
  });
});
