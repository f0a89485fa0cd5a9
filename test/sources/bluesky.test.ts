import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlueskySource } from '../../src/sources/bluesky.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { type FakeBluesky, type FakeBskyPost, startFakeBluesky } from '../fakes/bluesky.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const plan = planWith({ brand: 'acme' });
const spec = { kind: 'bluesky' as const };
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

describe('bluesky source', () => {
  let fake: FakeBluesky;
  let posts: FakeBskyPost[];
  const source = (password = 'app-pass-1234') =>
    createBlueskySource({ blueskyUrl: fake.url, blueskyHandle: 'vigie.bsky.social', blueskyAppPassword: password, limiter: createLimiter() });

  beforeEach(async () => {
    posts = [
      { did: 'did:plc:alice', handle: 'alice.bsky.social', rkey: '3kaaa', text: 'Acme lost my bags', createdAt: at(30), likes: 12 },
      { did: 'did:plc:bob', handle: 'bob.bsky.social', rkey: '3kbbb', text: 'acme again!', createdAt: at(10) },
      { did: 'did:plc:carol', handle: 'carol.bsky.social', rkey: '3kold', text: 'acme two days ago', createdAt: at(2 * 24 * 60) },
      { did: 'did:plc:dan', handle: 'dan.bsky.social', rkey: '3kzzz', text: 'unrelated', createdAt: at(5) },
    ];
    fake = await startFakeBluesky({ identifier: 'vigie.bsky.social', password: 'app-pass-1234', posts });
  });
  afterEach(() => fake.close());

  it('first poll opens a session and finds a day of posts with engagement', async () => {
    const result = await source().fetch(contextFor(plan, spec, { now: NOW }));
    expect(result.mentions.map((m) => m.id)).toEqual(['at://did:plc:bob/app.bsky.feed.post/3kbbb', 'at://did:plc:alice/app.bsky.feed.post/3kaaa']);
    expect(result.mentions[1]).toMatchObject({
      sourceKind: 'bluesky',
      url: 'https://bsky.app/profile/alice.bsky.social/post/3kaaa',
      author: '@alice.bsky.social',
      lang: 'en',
      publishedAt: Date.parse(at(30)),
      metrics: { likes: 12, reposts: 3, replies: 1, quotes: 2 },
    });
    const search = fake.requests.find((r) => r.path.endsWith('searchPosts'));
    expect(search?.query.get('sort')).toBe('latest');
    expect(search?.query.get('since')).toBe(at(24 * 60));
    expect(search?.headers.authorization).toBe('Bearer acc-1');
    expect(result.cursor).toEqual({ since: at(10), uris: ['at://did:plc:bob/app.bsky.feed.post/3kbbb'] });
  });

  it('incremental poll sends since from the cursor, skips the boundary post and reuses the session', async () => {
    const bsky = source();
    const first = await bsky.fetch(contextFor(plan, spec, { now: NOW }));
    posts.push({ did: 'did:plc:eve', handle: 'eve.bsky.social', rkey: '3keee', text: 'ACME responds', createdAt: at(1) });
    const second = await bsky.fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(fake.requests.at(-1)?.query.get('since')).toBe(at(10));
    expect(second.mentions.map((m) => m.id)).toEqual(['at://did:plc:eve/app.bsky.feed.post/3keee']);
    expect(fake.sessionsCreated()).toBe(1);
  });

  it('follows the search cursor across pages', async () => {
    for (let i = 0; i < 150; i += 1)
      posts.push({ did: 'did:plc:many', handle: 'many.bsky.social', rkey: `3m${i}`, text: `acme ${i}`, createdAt: at(100 + i) });
    const result = await source().fetch(contextFor(plan, spec, { now: NOW }));
    expect(result.mentions).toHaveLength(152);
    expect(fake.requests.filter((r) => r.path.endsWith('searchPosts')).map((r) => r.query.get('cursor'))).toEqual([null, '100']);
  });

  it('refreshes an expired access token with refreshSession and retries', async () => {
    const bsky = source();
    await bsky.fetch(contextFor(plan, spec, { now: NOW }));
    fake.expireAccessTokens();
    const again = await bsky.fetch(contextFor(plan, spec, { now: NOW }));
    expect(again.mentions).toHaveLength(2);
    expect(fake.requests.some((r) => r.path.endsWith('refreshSession'))).toBe(true);
    expect(fake.sessionsCreated()).toBe(1);
  });

  it('turns 429 into rate_limited with the reset time', async () => {
    fake.interceptNext(
      {
        status: 429,
        headers: { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 300) },
        body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
      },
      '/xrpc/app.bsky.feed.searchPosts',
    );
    const error = await source()
      .fetch(contextFor(plan, spec, { now: Date.now() }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(290_000);
  });

  it('turns a wrong app password into unauthorized naming the settings', async () => {
    const error = await source('wrong')
      .fetch(contextFor(plan, spec, { now: NOW }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect((error as Error).message).toContain('BLUESKY_APP_PASSWORD');
  });

  it('reports a malformed answer', async () => {
    fake.interceptNext({ body: '{"posts": "nope"}' }, '/xrpc/app.bsky.feed.searchPosts');
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('returns nothing and keeps the cursor on an empty result', async () => {
    const cursor = { since: at(0), uris: [] };
    expect(await source().fetch(contextFor(plan, spec, { now: NOW, cursor }))).toEqual({ mentions: [], cursor });
    // The search was made, from the cursor: the empty result is Bluesky's answer.
    expect(fake.requests.filter((r) => r.path.endsWith('searchPosts')).map((r) => r.query.get('since'))).toEqual([at(0)]);
  });

  it('is disabled without credentials and names them', async () => {
    const bsky = createBlueskySource({ blueskyUrl: fake.url, limiter: createLimiter() });
    expect(bsky.missingSettings()).toEqual(['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD']);
    await expect(bsky.fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'missing_credentials' });
  });
});
