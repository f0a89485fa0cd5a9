import { afterEach, describe, expect, it } from 'vitest';
import { MentionSchema } from '../../src/core/mention.js';
import { createHnSource } from '../../src/sources/hn.js';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { NOW, fetchContext, testPlan } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

/** The hn kind against search_by_date answers recorded from hn.algolia.com (2014 and 2023 formats). */

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function search(fixture: string, brand: string) {
  server = await startFixtureServer({ '/api/v1/search_by_date': fixture });
  const source = createHnSource({ hnUrl: server.url, limiter: createLimiter() });
  const result = await source.fetch({ ...fetchContext(http, { kind: 'hn' }), plan: testPlan({ what: { brand } }) });
  for (const mention of result.mentions) expect(MentionSchema.parse(mention)).toEqual(mention);
  return result;
}

describe('hn source on real Algolia answers', () => {
  it('reads a comment: its own text with entities decoded, the story title, the item link (2014)', async () => {
    const result = await search('hn/search-by-date-comment-apple-2014.json', 'apple');
    expect(result.partial).toBeUndefined();
    expect(result.mentions).toEqual([
      {
        id: 'hn:7919418',
        sourceKind: 'hn',
        url: 'https://news.ycombinator.com/item?id=7919418',
        author: 'fleitz',
        title: "Starbucks admits it's not contributing to scholarship fund",
        text:
          "Yeah the article seems stupid, while technically they aren't contributing to the scholarship they do pay tuition for the last 2 years." +
          " I'm not the biggest fan of starbucks, mostly because their coffee doesn't taste that good, however, I don't why what they've done shouldn't be applauded." +
          " It's kinda funny that I see more people upset about the business practices of Starbucks/Wal-Mart than Lockheed Martin.",
        publishedAt: Date.parse('2014-06-20T03:32:34Z'),
        metrics: { likes: 1 },
      },
    ]);
    expect(server?.requests[0]?.query.get('query')).toBe('apple');
    // Hits older than the first poll's window never move the cursor back.
    expect(result.cursor).toEqual({ since: NOW / 1000 - 24 * 3600, ids: [] });
  });

  it('reads a story: its title is its text when story_text is empty, points and comment count (2014)', async () => {
    const result = await search('hn/search-by-date-story-poll-apple-2014.json', 'apple');
    expect(result.mentions).toEqual([
      expect.objectContaining({
        id: 'hn:7919424',
        url: 'https://news.ycombinator.com/item?id=7919424',
        author: 'bradleyjg',
        title: 'Judge says concerned about Apple, Google hiring settlement',
        text: 'Judge says concerned about Apple, Google hiring settlement',
        publishedAt: Date.parse('2014-06-20T03:35:46Z'),
        metrics: { likes: 1, replies: 0 },
      }),
    ]);
  });

  it('reads the last page of a 2023 answer in order and stops paging there (page 7 of 8)', async () => {
    const result = await search('hn/search-by-date-whoishiring-p7.json', 'hiring');
    expect(result.partial).toBeUndefined();
    // The answer says page 7 of 8: no further page is asked for.
    expect(server?.requests).toHaveLength(1);
    expect(result.mentions).toHaveLength(12);
    expect(result.mentions[0]).toMatchObject({
      id: 'hn:3652041',
      url: 'https://news.ycombinator.com/item?id=3652041',
      author: 'whoishiring',
      title: 'Ask HN: Who is Hiring? (March 2012)',
      publishedAt: Date.parse('2012-03-01T13:56:48Z'),
      metrics: { likes: 265, replies: 307 },
    });
    // A story's words are its title followed by its text, markup and entities gone.
    expect(result.mentions[0]?.text).toMatch(/^Ask HN: Who is Hiring\? \(March 2012\)\nPlease lead with the location of the position/);
    expect(result.mentions[0]?.text).not.toMatch(/<|&#x27;|&#x2F;/);
    expect(result.mentions.at(-1)).toMatchObject({
      id: 'hn:2391828',
      title: 'Ask HN: Should we agree that this account will submit all Who is Hiring posts?',
      publishedAt: Date.parse('2011-03-31T14:56:54Z'),
      metrics: { likes: 291, replies: 47 },
    });
    expect(result.mentions.at(-1)?.text).toContain('I will use this account to submit Who is Hiring (Month YYYY)?');
    const times = result.mentions.map((m) => m.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('takes a page past the end (no hits, nbPages reached) as nothing new, not as an error', async () => {
    const result = await search('hn/search-by-date-whoishiring-p8-past-end.json', 'hiring');
    expect(result.mentions).toEqual([]);
    expect(result.partial).toBeUndefined();
    expect(server?.requests).toHaveLength(1);
  });
});
