import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/sources/politeness.js';
import { createYoutubeSource } from '../../src/sources/youtube.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeVideo, startFakeYoutube } from '../fakes/youtube.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const CHANNEL = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
const plan = planWith({ brand: 'acme' });
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
// 12:00 UTC on 27 Nov is 04:00 in Los Angeles (PST, UTC-8): the quota resets at 08:00 UTC on the 28th.
const RESET = Date.UTC(2026, 10, 28, 8);

describe('youtube source', () => {
  let fake: ApiServer;
  let videos: FakeVideo[];
  const source = (key?: string, quota = 10_000, pages = 1) =>
    createYoutubeSource({
      youtubeUrl: fake.url,
      youtubeApiUrl: fake.url,
      youtubeDailyQuota: quota,
      youtubeMaxPages: pages,
      limiter: createLimiter(),
      ...(key ? { youtubeApiKey: key } : {}),
    });

  beforeEach(async () => {
    videos = [
      {
        id: 'vid00000001',
        channelId: CHANNEL,
        channelTitle: 'Acme Official',
        title: 'Acme apology',
        description: 'We are sorry & we hear you',
        published: at(3),
        views: 12000,
        likes: 340,
        comments: 95,
      },
      {
        id: 'vid00000002',
        channelId: 'UCotherotherotherother00',
        channelTitle: 'Critic',
        title: 'Why Acme failed',
        description: 'a review',
        published: at(1),
        views: 500,
        likes: 20,
        comments: 7,
      },
    ];
    fake = await startFakeYoutube({ videos, key: 'AIza-test' });
  });
  afterEach(() => fake.close());

  it('reads a channel feed without a key, with views and star-rating counts', async () => {
    const result = await source().fetch(contextFor(plan, { kind: 'youtube', arg: CHANNEL }, { now: NOW }));
    expect(fake.requests[0]?.query.get('channel_id')).toBe(CHANNEL);
    expect(result.mentions).toEqual([
      {
        id: 'youtube:vid00000001',
        sourceKind: 'youtube',
        url: 'https://www.youtube.com/watch?v=vid00000001',
        author: 'Acme Official',
        title: 'Acme apology',
        text: 'Acme apology\nWe are sorry & we hear you',
        publishedAt: Date.parse(at(3)),
        metrics: { likes: 340, views: 12000 },
      },
    ]);
    expect(result.usage).toBeUndefined();
  });

  it('with a key, adds videos.list statistics to feed videos for one unit', async () => {
    const result = await source('AIza-test').fetch(contextFor(plan, { kind: 'youtube', arg: CHANNEL }, { now: NOW }));
    expect(result.mentions[0]?.metrics).toEqual({ likes: 340, views: 12000, replies: 95 });
    expect(result.usage).toEqual({ used: 1, limit: 10_000, period: 'day', resetsAt: RESET });
  });

  it('keyword search costs 100 units plus statistics, and the next poll asks only for newer videos', async () => {
    const yt = source('AIza-test');
    const first = await yt.fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }));
    expect(first.mentions.map((m) => m.id)).toEqual(['youtube:vid00000002', 'youtube:vid00000001']);
    expect(first.usage?.used).toBe(101);
    const search = fake.requests.find((r) => r.path === '/youtube/v3/search');
    expect(search?.query.get('order')).toBe('date');
    expect(search?.query.get('publishedAfter')).toBe(at(24));
    videos.push({
      id: 'vid00000003',
      channelId: CHANNEL,
      channelTitle: 'News',
      title: 'Acme strike live',
      description: '',
      published: at(0.5),
      views: 1,
      likes: 0,
      comments: 0,
    });
    const second = await yt.fetch(
      contextFor(
        plan,
        { kind: 'youtube' },
        { now: NOW, cursor: first.cursor, health: { consecutiveFailures: 0, ...(first.usage ? { usage: first.usage } : {}) } },
      ),
    );
    expect(
      fake.requests
        .filter((r) => r.path === '/youtube/v3/search')
        .at(-1)
        ?.query.get('publishedAfter'),
    ).toBe(at(1));
    expect(second.mentions.map((m) => m.id)).toEqual(['youtube:vid00000003']);
    expect(second.usage?.used).toBe(202);
  });

  it('follows nextPageToken up to the page limit', async () => {
    for (let i = 0; i < 70; i += 1)
      videos.push({
        id: `bulk${String(i).padStart(7, '0')}`,
        channelId: CHANNEL,
        channelTitle: 'B',
        title: `acme ${i}`,
        description: '',
        published: at(2 + i / 100),
        views: 1,
        likes: 1,
        comments: 1,
      });
    const result = await source('AIza-test', 10_000, 2).fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }));
    expect(result.mentions).toHaveLength(72);
    expect(fake.requests.filter((r) => r.path === '/youtube/v3/search').map((r) => r.query.get('pageToken'))).toEqual([null, 'CAUQAA50']);
    expect(result.usage?.used).toBe(202);
  });

  it('refuses a search the quota cannot pay for, and slows polling near the limit', async () => {
    const health = { consecutiveFailures: 0, usage: { used: 9950, limit: 10_000, period: 'day', resetsAt: RESET } };
    const error = await source('AIza-test')
      .fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW, health }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'budget_exhausted', retryAfterMs: RESET - NOW });
    expect(fake.requests).toHaveLength(0);
    const paced = await source('AIza-test').fetch(contextFor(plan, { kind: 'youtube', arg: CHANNEL }, { now: NOW, health }));
    expect(paced.notBefore).toBeGreaterThan(NOW);
  });

  it('treats Google’s quotaExceeded as budget_exhausted', async () => {
    fake.interceptNext(
      {
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'The request cannot be completed because you have exceeded your quota.',
            errors: [{ message: 'quota', domain: 'youtube.quota', reason: 'quotaExceeded' }],
          },
        },
      },
      '/youtube/v3/search',
    );
    await expect(source('AIza-test').fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }))).rejects.toMatchObject({ code: 'budget_exhausted' });
  });

  it('turns an invalid key into unauthorized naming the setting', async () => {
    const error = await source('wrong')
      .fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect((error as Error).message).toContain('YOUTUBE_API_KEY');
  });

  it('turns 429 into rate_limited', async () => {
    fake.interceptNext({ status: 429, headers: { 'retry-after': '30' }, body: '' });
    await expect(source().fetch(contextFor(plan, { kind: 'youtube', arg: CHANNEL }, { now: NOW }))).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 30_000,
    });
  });

  it('reports malformed feeds and JSON', async () => {
    fake.interceptNext({ body: '<feed><entry>' });
    await expect(source().fetch(contextFor(plan, { kind: 'youtube', arg: CHANNEL }, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
    fake.interceptNext({ body: '{"items": [{"id": 3}]}' }, '/youtube/v3/search');
    await expect(source('AIza-test').fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('returns nothing on an empty search', async () => {
    const result = await source('AIza-test').fetch(contextFor(planWith({ brand: 'zzz' }), { kind: 'youtube' }, { now: NOW }));
    // The search was made: the empty result is the API's answer.
    expect(fake.requests.filter((r) => r.path === '/youtube/v3/search').map((r) => r.query.get('q'))).toEqual(['zzz']);
    expect(result.mentions).toEqual([]);
  });

  it('needs a channel id or a key, and says so', async () => {
    expect(() => source().normaliseArg(undefined)).toThrow(/YOUTUBE_API_KEY/);
    expect(source().normaliseArg(`https://www.youtube.com/channel/${CHANNEL}`)).toBe(CHANNEL);
    await expect(source().fetch(contextFor(plan, { kind: 'youtube' }, { now: NOW }))).rejects.toMatchObject({ code: 'missing_credentials' });
  });
});
