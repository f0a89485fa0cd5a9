import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHnSource } from '../../src/sources/hn.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeHnItem, startFakeHn } from '../fakes/hn.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const NOW_S = NOW / 1000;
const plan = planWith({ brand: 'acme OR "acme air" -jobs' });
const spec = { kind: 'hn' as const };

describe('hn source', () => {
  let fake: ApiServer;
  let items: FakeHnItem[];
  const source = () => createHnSource({ hnUrl: fake.url, limiter: createLimiter() });

  beforeEach(async () => {
    items = [
      { id: 101, type: 'story', createdAtI: NOW_S - 600, author: 'pg', title: 'Acme outage post-mortem', points: 230, comments: 88 },
      { id: 102, type: 'comment', createdAtI: NOW_S - 300, author: 'dang', text: '<p>Acme &amp; friends were down.</p><p>Again</p>' },
      { id: 100, type: 'story', createdAtI: NOW_S - 3 * 86_400, author: 'old', title: 'Acme three days ago' },
    ];
    fake = await startFakeHn(items);
  });
  afterEach(() => fake.close());

  it('first poll finds a day of stories and comments with points and comment counts', async () => {
    const result = await source().fetch(contextFor(plan, spec, { now: NOW }));
    expect(result.mentions.map((m) => m.id).sort()).toEqual(['hn:101', 'hn:102']);
    const story = result.mentions.find((m) => m.id === 'hn:101');
    expect(story).toMatchObject({
      url: 'https://news.ycombinator.com/item?id=101',
      author: 'pg',
      title: 'Acme outage post-mortem',
      publishedAt: (NOW_S - 600) * 1000,
      metrics: { likes: 230, replies: 88 },
    });
    expect(result.mentions.find((m) => m.id === 'hn:102')?.text).toBe('Acme & friends were down. Again');
    expect(fake.requests.map((r) => r.query.get('query'))).toEqual(['acme', '"acme air" -jobs']);
    expect(fake.requests[0]?.query.get('advancedSyntax')).toBe('true');
    expect(fake.requests[0]?.query.get('tags')).toBe('(story,comment)');
    expect(result.cursor).toEqual({ since: NOW_S - 300, ids: ['102'] });
  });

  it('incremental poll filters on created_at_i and skips what was seen at the boundary second', async () => {
    const first = await source().fetch(contextFor(plan, spec, { now: NOW }));
    items.push({ id: 103, type: 'comment', createdAtI: NOW_S - 300, author: 'x', text: 'acme again, same second' });
    items.push({ id: 104, type: 'story', createdAtI: NOW_S - 10, author: 'y', title: 'Acme responds' });
    const second = await source().fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(fake.requests.at(-1)?.query.get('numericFilters')).toBe(`created_at_i>=${NOW_S - 300}`);
    expect(second.mentions.map((m) => m.id).sort()).toEqual(['hn:103', 'hn:104']);
    expect(second.cursor).toEqual({ since: NOW_S - 10, ids: ['104'] });
  });

  it('follows pages until nbPages', async () => {
    for (let i = 0; i < 230; i += 1) items.push({ id: 1000 + i, type: 'comment', createdAtI: NOW_S - 1000 - i, author: 'a', text: `acme ${i}` });
    const result = await source().fetch(contextFor(planWith({ brand: 'acme' }), spec, { now: NOW }));
    expect(result.mentions).toHaveLength(232);
    expect(fake.requests.map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
  });

  it('turns 429 into rate_limited with Retry-After', async () => {
    fake.interceptNext({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'Too many requests', status: 429 } });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('turns 403 into unauthorized', async () => {
    fake.interceptNext({ status: 403, body: { message: 'Invalid Application-ID or API key', status: 403 } });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('reports a malformed answer', async () => {
    fake.interceptNext({ body: '<html>gateway</html>' });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('returns nothing and keeps the cursor on an empty result', async () => {
    const cursor = { since: NOW_S, ids: [] };
    const result = await source().fetch(contextFor(plan, spec, { now: NOW, cursor }));
    expect(result).toEqual({ mentions: [], cursor });
    // The searches were made, from the cursor: the empty result is the API's answer.
    expect(new Set(fake.requests.map((r) => r.query.get('numericFilters')))).toEqual(new Set([`created_at_i>=${NOW_S}`]));
  });
});
