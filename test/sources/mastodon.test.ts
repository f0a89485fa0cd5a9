import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMastodonSource } from '../../src/sources/mastodon.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeStatus, startFakeMastodon } from '../fakes/mastodon.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const plan = planWith({ brand: '#acme OR acmeair' });
const spec = { kind: 'mastodon' as const };
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

describe('mastodon source', () => {
  let one: ApiServer;
  let two: ApiServer;
  let statuses: FakeStatus[];
  const source = (instances: string[], token?: string) =>
    createMastodonSource({ mastodonInstances: instances, limiter: createLimiter(), ...(token ? { mastodonAccessToken: token } : {}) });

  beforeEach(async () => {
    statuses = [
      {
        id: '110000000000000001',
        tags: ['acme'],
        html: '<p>Flight cancelled by <a href="https://x">#<span>acme</span></a> &amp; no refund</p>',
        acct: 'ana',
        createdAt: at(20),
        favourites: 7,
        followers: 900,
      },
      { id: '110000000000000002', tags: ['acmeair'], html: '<p>acmeair lost my bag</p>', acct: 'ben@other.social', createdAt: at(10) },
    ];
    one = await startFakeMastodon({ statuses, searchAllowed: false });
    two = await startFakeMastodon({ statuses: [{ ...statuses[0]!, origin: one.url, acct: `ana@${new URL(one.url).host}` }], searchAllowed: false });
  });
  afterEach(async () => {
    await one.close();
    await two.close();
  });

  it('first poll reads the hashtag timelines of every instance, as text, with engagement', async () => {
    const result = await source([one.url, two.url]).fetch(contextFor(plan, spec, { now: NOW }));
    // The status federated to the second instance is the same mention.
    expect(result.mentions).toHaveLength(2);
    const ana = result.mentions.find((m) => m.author === `@ana@${new URL(one.url).host}`);
    expect(ana).toMatchObject({
      id: `mastodon:${one.url}/users/ana/statuses/110000000000000001`,
      sourceKind: 'mastodon',
      text: 'Flight cancelled by #acme & no refund',
      lang: 'en',
      publishedAt: Date.parse(at(20)),
      metrics: { likes: 7, reposts: 4, replies: 1, followers: 900 },
    });
    expect(one.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/timelines/tag/acme', '/api/v1/timelines/tag/acmeair']));
    expect(result.cursor).toMatchObject({ minIds: { [`${one.url} #acme`]: '110000000000000001', [`${one.url} #acmeair`]: '110000000000000002' } });
  });

  it('remembers an instance that refuses search and stops asking it', async () => {
    const first = await source([one.url]).fetch(contextFor(plan, spec, { now: NOW }));
    expect(first.cursor).toMatchObject({ noSearch: [one.url] });
    const searches = one.requests.filter((r) => r.path === '/api/v2/search').length;
    // It was asked once, and refused: "stops asking" is about a search that was tried.
    expect(searches).toBeGreaterThan(0);
    await source([one.url]).fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(one.requests.filter((r) => r.path === '/api/v2/search').length).toBe(searches);
  });

  it('incremental poll sends min_id and returns only newer statuses', async () => {
    const first = await source([one.url]).fetch(contextFor(plan, spec, { now: NOW }));
    statuses.push({ id: '110000000000000003', tags: ['acme'], html: '<p>#acme again</p>', acct: 'cy', createdAt: at(1) });
    const second = await source([one.url]).fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(
      one.requests
        .filter((r) => r.path === '/api/v1/timelines/tag/acme')
        .at(-1)
        ?.query.get('min_id'),
    ).toBe('110000000000000001');
    expect(second.mentions.map((m) => m.text)).toEqual(['#acme again']);
  });

  it('pages forward with min_id while pages are full', async () => {
    const first = await source([one.url]).fetch(contextFor(plan, spec, { now: NOW }));
    for (let i = 0; i < 90; i += 1)
      statuses.push({ id: String(110000000000001000n + BigInt(i)), tags: ['acme'], html: `<p>acme ${i}</p>`, acct: 'bulk', createdAt: at(5) });
    const second = await source([one.url]).fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(second.mentions).toHaveLength(90);
    expect(
      one.requests
        .filter((r) => r.path === '/api/v1/timelines/tag/acme')
        .slice(-3)
        .map((r) => r.query.get('min_id')),
    ).toEqual(['110000000000000001', '110000000000001039', '110000000000001079']);
  });

  it('search finds statuses where the instance allows it', async () => {
    const open = await startFakeMastodon({ statuses: [{ id: '5', tags: [], html: '<p>AcmeAir strike</p>', acct: 'dee', createdAt: at(3) }] });
    const result = await source([open.url]).fetch(contextFor(plan, spec, { now: NOW }));
    await open.close();
    expect(result.mentions.map((m) => m.text)).toEqual(['AcmeAir strike']);
  });

  it('turns 429 into rate_limited with Retry-After', async () => {
    one.interceptNext({
      status: 429,
      headers: { 'retry-after': new Date(Date.now() + 300_000).toUTCString() },
      body: { error: 'Too many requests' },
    });
    await expect(source([one.url]).fetch(contextFor(planWith({ brand: '#acme' }), spec, { now: NOW }))).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });

  it('turns a rejected access token into unauthorized naming the setting', async () => {
    const locked = await startFakeMastodon({ statuses, token: 'good' });
    const error = await source([locked.url], 'bad')
      .fetch(contextFor(planWith({ brand: '#acme' }), spec, { now: NOW }))
      .catch((e: unknown) => e);
    await locked.close();
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect((error as Error).message).toContain('MASTODON_ACCESS_TOKEN');
  });

  it('reports a malformed answer', async () => {
    one.interceptNext({ body: '[{"id": 1}]' });
    await expect(source([one.url]).fetch(contextFor(planWith({ brand: '#acme' }), spec, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('keeps polling the instances that answer when one is down', async () => {
    two.interceptNext({ status: 503, body: 'maintenance' });
    const result = await source([one.url, two.url]).fetch(contextFor(planWith({ brand: '#acme' }), spec, { now: NOW }));
    expect(result.mentions).toHaveLength(1);
  });

  it('returns nothing on an empty timeline', async () => {
    const result = await source([one.url]).fetch(contextFor(planWith({ brand: '#nobody' }), spec, { now: NOW }));
    // The timeline was read: the empty result is the instance's answer.
    expect(one.requests.map((r) => r.path)).toContain('/api/v1/timelines/tag/nobody');
    expect(result.mentions).toEqual([]);
  });

  it('takes an instance as argument, by host name or URL', () => {
    const m = source([]);
    expect(m.normaliseArg('mastodon.social')).toBe('https://mastodon.social');
    expect(m.normaliseArg('https://fosstodon.org/explore')).toBe('https://fosstodon.org');
    expect(() => m.normaliseArg('ftp://x')).toThrow(/Mastodon instance/);
  });
});
