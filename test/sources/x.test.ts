import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/sources/politeness.js';
import { SourceError } from '../../src/core/source-error.js';
import { createXSource } from '../../src/sources/x.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeTweet, startFakeX } from '../fakes/x.js';
import { contextFor, planWith } from './context.js';

const TOKEN = 'AAAA-test-bearer';
const NOON = Date.UTC(2026, 10, 27, 12, 0, 0);
const plan = planWith({ brand: 'acme -layoffs' });
const spec = { kind: 'x' as const };

function tweets(count: number, firstId = 1000): FakeTweet[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(firstId + i),
    text: `acme post ${i}`,
    createdAt: new Date(NOON - (count - i) * 60_000).toISOString(),
    authorId: i % 2 === 0 ? '1' : '2',
    likes: i,
  }));
}

describe('x source', () => {
  let fake: ApiServer;
  let data: FakeTweet[];
  const source = (dailyReads = 1000) => createXSource({ xUrl: fake.url, xDailyReads: dailyReads, xBearerToken: TOKEN, limiter: createLimiter() });

  beforeEach(async () => {
    data = tweets(15);
    fake = await startFakeX({
      token: TOKEN,
      tweets: data,
      users: [
        { id: '1', username: 'alice', followers: 5000 },
        { id: '2', username: 'bob', followers: 12 },
      ],
    });
  });
  afterEach(() => fake.close());

  it('first poll reads one page with metrics and author followers, translated query', async () => {
    const result = await source().fetch(contextFor(plan, spec, { now: NOON }));
    expect(result.mentions).toHaveLength(15);
    const newest = result.mentions[0];
    expect(newest).toMatchObject({ id: 'x:1014', sourceKind: 'x', url: 'https://x.com/alice/status/1014', author: '@alice', lang: 'en' });
    expect(newest?.metrics).toEqual({ likes: 14, reposts: 2, replies: 1, quotes: 0, views: 120, followers: 5000 });
    expect(result.cursor).toEqual({ sinceId: '1014' });
    const sent = fake.requests[0]?.query;
    expect(sent?.get('query')).toBe('acme -layoffs -is:retweet');
    expect(sent?.get('expansions')).toBe('author_id');
    expect(sent?.get('tweet.fields')).toBe('created_at,public_metrics,lang,author_id');
    expect(result.usage).toMatchObject({ used: 15, limit: 1000, period: 'day', resetsAt: Date.UTC(2026, 10, 28) });
  });

  it('incremental poll sends since_id and returns only newer posts', async () => {
    const first = await source().fetch(contextFor(plan, spec, { now: NOON }));
    data.push(...tweets(3, 2000));
    const second = await source().fetch(contextFor(plan, spec, { now: NOON, cursor: first.cursor }));
    expect(fake.requests[1]?.query.get('since_id')).toBe('1014');
    expect(second.mentions.map((m) => m.id)).toEqual(['x:2002', 'x:2001', 'x:2000']);
    expect(second.cursor).toEqual({ sinceId: '2002' });
  });

  it('follows next_token pages on incremental polls', async () => {
    data.push(...tweets(250, 5000));
    const result = await source().fetch(contextFor(plan, spec, { now: NOON, cursor: { sinceId: '1014' } }));
    expect(result.mentions).toHaveLength(250);
    expect(new Set(result.mentions.map((m) => m.id)).size).toBe(250);
    expect(fake.requests.map((r) => r.query.get('next_token'))).toEqual([null, 'tok100', 'tok200']);
    expect(result.cursor).toEqual({ sinceId: '5249' });
  });

  it('turns 429 into rate_limited with the reset delay', async () => {
    fake.interceptNext({
      status: 429,
      headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 600) },
      body: { title: 'Too Many Requests', status: 429 },
    });
    const error = await source()
      .fetch(contextFor(plan, spec))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect((error as SourceError).retryAfterMs).toBeGreaterThan(590_000);
  });

  it('turns 401 into unauthorized naming the setting', async () => {
    const error = await createXSource({ xUrl: fake.url, xDailyReads: 100, xBearerToken: 'wrong', limiter: createLimiter() })
      .fetch(contextFor(plan, spec))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect((error as Error).message).toContain('X_BEARER_TOKEN');
  });

  it('reports a malformed answer', async () => {
    fake.interceptNext({ body: '{"data": [' });
    await expect(source().fetch(contextFor(plan, spec))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('returns nothing and keeps the cursor on an empty result', async () => {
    const result = await source().fetch(contextFor(plan, spec, { now: NOON, cursor: { sinceId: '9999' } }));
    // The search was made, from the cursor: the empty result is X's answer.
    expect(fake.requests.map((r) => r.query.get('since_id'))).toEqual(['9999']);
    expect(result.mentions).toEqual([]);
    expect(result.cursor).toEqual({ sinceId: '9999' });
  });

  it('is disabled without a token and says which setting to add', async () => {
    const x = createXSource({ xUrl: fake.url, xDailyReads: 100, limiter: createLimiter() });
    expect(x.missingSettings()).toEqual(['X_BEARER_TOKEN']);
    await expect(x.fetch(contextFor(plan, spec))).rejects.toMatchObject({ code: 'missing_credentials' });
  });

  describe('daily read budget', () => {
    it('never asks for more posts than the budget has left and reports usage', async () => {
      data.push(...tweets(250, 5000));
      const health = { consecutiveFailures: 0, usage: { used: 70, limit: 100, period: 'day', resetsAt: Date.UTC(2026, 10, 28) } };
      const result = await source(100).fetch(contextFor(plan, spec, { now: NOON, cursor: { sinceId: '1014' }, health }));
      expect(fake.requests.map((r) => r.query.get('max_results'))).toEqual(['30']);
      expect(result.usage).toMatchObject({ used: 100, limit: 100 });
      expect(result.notBefore).toBe(Date.UTC(2026, 10, 28));
    });

    it('slows polling when spending runs ahead of an even daily pace', async () => {
      // At 06:00 UTC a quarter of the day is gone: 200 of 1000 reads plus the 20% burst is the pace.
      const sixAm = Date.UTC(2026, 10, 27, 6);
      const health = { consecutiveFailures: 0, usage: { used: 440, limit: 1000, period: 'day', resetsAt: Date.UTC(2026, 10, 28) } };
      const result = await source(1000).fetch(contextFor(plan, spec, { now: sixAm, cursor: { sinceId: '1000' }, health }));
      expect(result.usage?.used).toBe(454);
      expect(result.notBefore).toBe(Date.UTC(2026, 10, 27) + Math.ceil(((454 - 200) / 1000) * 86_400_000));
    });

    it('polls at its usual rhythm while within the pace', async () => {
      const result = await source(1000).fetch(contextFor(plan, spec, { now: NOON }));
      // Reads were spent and counted (15 of 1000 by noon): no pacing is a judgement on them, not on nothing.
      expect(result.usage).toMatchObject({ used: 15, limit: 1000 });
      expect(result.notBefore).toBeUndefined();
    });

    it('refuses to poll once spent, until the UTC reset, without a request', async () => {
      const health = { consecutiveFailures: 0, usage: { used: 95, limit: 100, period: 'day', resetsAt: Date.UTC(2026, 10, 28) } };
      const error = await source(100)
        .fetch(contextFor(plan, spec, { now: NOON, health }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'budget_exhausted', retryAfterMs: 12 * 3_600_000 });
      expect(fake.requests).toHaveLength(0);
    });

    it('starts a fresh budget after the reset', async () => {
      const health = { consecutiveFailures: 0, usage: { used: 100, limit: 100, period: 'day', resetsAt: Date.UTC(2026, 10, 27) } };
      const result = await source(100).fetch(contextFor(plan, spec, { now: NOON, health }));
      expect(result.usage).toMatchObject({ used: 15, resetsAt: Date.UTC(2026, 10, 28) });
    });
  });
});
