import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/sources/politeness.js';
import { createRedditSource } from '../../src/sources/reddit.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeRedditPost, startFakeReddit } from '../fakes/reddit.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const NOW_S = NOW / 1000;
const plan = planWith({ brand: 'acme OR "acme air"' });
const search = { kind: 'reddit' as const };
const sub = { kind: 'reddit' as const, arg: 'r/travel' };

describe('reddit source', () => {
  let fake: ApiServer;
  let posts: FakeRedditPost[];
  const rss = () => createRedditSource({ redditUrl: fake.url, redditOauthUrl: fake.url, limiter: createLimiter() });
  const oauth = (secret = 'shh') =>
    createRedditSource({
      redditUrl: fake.url,
      redditOauthUrl: fake.url,
      redditClientId: 'cid',
      redditClientSecret: secret,
      limiter: createLimiter(),
    });

  beforeEach(async () => {
    posts = [
      {
        id: 'abc1',
        subreddit: 'travel',
        title: 'Acme cancelled my flight',
        selftext: 'No refund & no answer',
        author: 'ana',
        createdUtc: NOW_S - 600,
        score: 42,
        comments: 17,
      },
      {
        id: 'abc2',
        subreddit: 'travel',
        title: 'Anyone flown Acme Air lately?',
        selftext: '',
        author: 'ben',
        createdUtc: NOW_S - 300,
        score: -3,
        comments: 2,
      },
    ];
    fake = await startFakeReddit({ posts, clientId: 'cid', clientSecret: 'shh' });
  });
  afterEach(() => fake.close());

  describe('without credentials (RSS)', () => {
    it('first poll reads search RSS with a real User-Agent and plain text', async () => {
      const result = await rss().fetch(contextFor(plan, search, { now: NOW }));
      expect(fake.requests[0]?.path).toBe('/search.rss');
      expect(fake.requests[0]?.query.get('q')).toBe('acme OR "acme air"');
      expect(fake.requests[0]?.headers['user-agent']).toMatch(/^nodejs:vigie:/);
      expect(result.mentions.map((m) => m.id)).toEqual(['reddit:t3_abc2', 'reddit:t3_abc1']);
      expect(result.mentions[1]).toMatchObject({
        sourceKind: 'reddit',
        url: `${fake.url}/r/travel/comments/abc1/acme_cancelled_my_flight/`,
        author: 'u/ana',
        title: 'Acme cancelled my flight',
        text: 'Acme cancelled my flight\nNo refund & no answer',
        publishedAt: (NOW_S - 600) * 1000,
      });
      expect(result.cursor).toEqual({ since: (NOW_S - 300) * 1000, ids: ['reddit:t3_abc2'] });
    });

    it('incremental poll keeps only entries newer than the cursor; subreddit argument reads /r/<sub>/new/.rss', async () => {
      const first = await rss().fetch(contextFor(plan, sub, { now: NOW }));
      posts.push({ id: 'abc3', subreddit: 'travel', title: 'Hotels near the airport', selftext: '', author: 'cy', createdUtc: NOW_S - 60 });
      const second = await rss().fetch(contextFor(plan, sub, { now: NOW, cursor: first.cursor }));
      expect(fake.requests.map((r) => r.path)).toEqual(['/r/travel/new/.rss', '/r/travel/new/.rss']);
      expect(second.mentions.map((m) => m.id)).toEqual(['reddit:t3_abc3']);
    });

    it('turns 429 into rate_limited with Retry-After', async () => {
      fake.interceptNext({ status: 429, headers: { 'retry-after': '60' }, body: '<html>Too Many Requests</html>' });
      await expect(rss().fetch(contextFor(plan, search, { now: NOW }))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000 });
    });

    it('reports a page that is not a feed as malformed', async () => {
      fake.interceptNext({ body: '<html><body>blocked</body>' });
      await expect(rss().fetch(contextFor(plan, search, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
    });

    it('returns nothing on an empty search', async () => {
      const result = await rss().fetch(contextFor(planWith({ brand: 'zzz' }), search, { now: NOW }));
      // The search was made: the empty result is Reddit's answer.
      expect(fake.requests.map((r) => [r.path, r.query.get('q')])).toEqual([['/search.rss', 'zzz']]);
      expect(result.mentions).toEqual([]);
    });

    it('refuses an argument that is not a subreddit', () => {
      expect(rss().normaliseArg('https://www.reddit.com/r/Travel/')).toBe('r/Travel');
      expect(() => rss().normaliseArg('not a sub!')).toThrow(/not a subreddit/);
    });
  });

  describe('with OAuth credentials (JSON)', () => {
    it('first poll gets a client-credentials token and reads scores and comment counts', async () => {
      const result = await oauth().fetch(contextFor(plan, search, { now: NOW }));
      expect(fake.requests.map((r) => r.path)).toEqual(['/api/v1/access_token', '/search']);
      expect(fake.requests[1]?.query.get('sort')).toBe('new');
      expect(result.mentions.find((m) => m.id === 'reddit:t3_abc1')).toMatchObject({
        url: 'https://www.reddit.com/r/travel/comments/abc1/slug/',
        metrics: { likes: 42, replies: 17 },
      });
      expect(result.mentions.find((m) => m.id === 'reddit:t3_abc2')?.metrics).toEqual({ likes: 0, replies: 2 });
    });

    it('incremental poll follows `after` until it reaches known posts, and reuses the token', async () => {
      const source = oauth();
      const first = await source.fetch(contextFor(plan, sub, { now: NOW }));
      for (let i = 0; i < 150; i += 1)
        posts.push({ id: `n${i}`, subreddit: 'travel', title: `post ${i}`, selftext: '', author: 'z', createdUtc: NOW_S - 200 + i });
      const second = await source.fetch(contextFor(plan, sub, { now: NOW, cursor: first.cursor }));
      expect(second.mentions).toHaveLength(150);
      expect(fake.requests.filter((r) => r.path === '/r/travel/new').map((r) => r.query.get('after'))).toEqual([null, null, 't3_n50']);
      expect(fake.requests.filter((r) => r.path === '/api/v1/access_token')).toHaveLength(1);
    });

    it('turns rejected client credentials into unauthorized naming the settings', async () => {
      const error = await oauth('wrong')
        .fetch(contextFor(plan, search, { now: NOW }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unauthorized' });
      expect((error as Error).message).toContain('REDDIT_CLIENT_SECRET');
    });

    it('reports malformed JSON', async () => {
      fake.interceptNext({ body: '{"kind": "Listing", "data": ' }, '/search');
      await expect(oauth().fetch(contextFor(plan, search, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
    });

    it('turns 429 into rate_limited with the reset delay', async () => {
      fake.interceptNext({ status: 429, headers: { 'x-ratelimit-reset': '42' }, body: { message: 'Too Many Requests', error: 429 } }, '/search');
      await expect(oauth().fetch(contextFor(plan, search, { now: NOW }))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 42_000 });
    });
  });
});
