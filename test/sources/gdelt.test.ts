import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGdeltSource } from '../../src/sources/gdelt.js';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeArticle, startFakeGdelt } from '../fakes/gdelt.js';
import { contextFor, planWith } from './context.js';

const NOW = Date.UTC(2026, 10, 27, 12);
const plan = planWith({ brand: 'acme OR "acme air"' });
const spec = { kind: 'gdelt' as const };
const seen = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString().replace(/[-:]|\.\d{3}/g, '');

describe('gdelt source', () => {
  let fake: ApiServer;
  let articles: FakeArticle[];
  const source = () => createGdeltSource({ gdeltUrl: fake.url, limiter: createLimiter() });

  beforeEach(async () => {
    articles = [
      { url: 'https://news.example/acme-strike', title: 'Acme Air pilots strike', seendate: seen(30), domain: 'news.example' },
      { url: 'https://journal.example/acme', title: 'Grève chez Acme', seendate: seen(90), domain: 'journal.example', language: 'French' },
      { url: 'https://old.example/acme', title: 'Acme last week', seendate: seen(7 * 24 * 60), domain: 'old.example' },
    ];
    fake = await startFakeGdelt(articles);
  });
  afterEach(() => fake.close());

  it('first poll asks for a day of articles, newest first, seendate as publication time', async () => {
    const result = await source().fetch(contextFor(plan, spec, { now: NOW }));
    const sent = fake.requests[0]?.query;
    expect(sent?.get('query')).toBe('(acme OR "acme air")');
    expect(sent?.get('sort')).toBe('datedesc');
    expect(sent?.get('startdatetime')).toBe(seen(24 * 60).replace(/[TZ]/g, ''));
    expect(result.mentions).toEqual([
      {
        id: 'gdelt:https://news.example/acme-strike',
        sourceKind: 'gdelt',
        url: 'https://news.example/acme-strike',
        author: 'news.example',
        text: 'Acme Air pilots strike',
        title: 'Acme Air pilots strike',
        lang: 'en',
        publishedAt: NOW - 30 * 60_000,
      },
      {
        id: 'gdelt:https://journal.example/acme',
        sourceKind: 'gdelt',
        url: 'https://journal.example/acme',
        author: 'journal.example',
        text: 'Grève chez Acme',
        title: 'Grève chez Acme',
        lang: 'fr',
        publishedAt: NOW - 90 * 60_000,
      },
    ]);
    expect(result.cursor).toEqual({ since: NOW - 30 * 60_000, urls: ['https://news.example/acme-strike'] });
  });

  it('incremental poll starts at the cursor and drops the boundary article', async () => {
    const first = await source().fetch(contextFor(plan, spec, { now: NOW }));
    articles.push({ url: 'https://wire.example/acme', title: 'Acme responds', seendate: seen(5), domain: 'wire.example' });
    const second = await source().fetch(contextFor(plan, spec, { now: NOW, cursor: first.cursor }));
    expect(fake.requests.at(-1)?.query.get('startdatetime')).toBe(seen(30).replace(/[TZ]/g, ''));
    expect(second.mentions.map((m) => m.url)).toEqual(['https://wire.example/acme']);
  });

  it('walks back through full windows of 250 articles', async () => {
    for (let i = 0; i < 300; i += 1)
      articles.push({ url: `https://bulk.example/${i}`, title: `acme item ${i}`, seendate: seen(100 + i), domain: 'bulk.example' });
    const result = await source().fetch(contextFor(planWith({ brand: 'acme' }), spec, { now: NOW }));
    expect(result.mentions).toHaveLength(302);
    expect(fake.requests.map((r) => r.query.get('enddatetime'))).toEqual([null, seen(100 + 247).replace(/[TZ]/g, '')]);
  });

  it('turns 429 into rate_limited with Retry-After, and GDELT’s plain-text rate message too', async () => {
    fake.interceptNext({
      status: 429,
      headers: { 'retry-after': '5' },
      body: 'Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com for larger queries.',
    });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 5_000 });
    fake.interceptNext({ body: 'Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com for larger queries.' });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('turns 401 into unauthorized (a proxy in front of GDELT)', async () => {
    fake.interceptNext({ status: 401, body: 'Proxy authentication required' });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('reports malformed JSON and GDELT’s plain-text query errors', async () => {
    fake.interceptNext({ body: '{"articles": [ {"url": "x",' });
    await expect(source().fetch(contextFor(plan, spec, { now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
    const error = await source()
      .fetch(contextFor(planWith({ brand: 'ab' }), spec, { now: NOW }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'malformed' });
    // GDELT's own words are an upstream body: kept for the log, out of the message shown in chat.
    expect((error as { upstream?: string }).upstream).toContain('too short');
    expect((error as Error).message).not.toContain('too short');
  });

  it('returns nothing on GDELT’s empty answer {}', async () => {
    const result = await source().fetch(contextFor(planWith({ brand: 'zzzz' }), spec, { now: NOW }));
    // The search was made: the empty result is GDELT's {} read, not a search never sent.
    expect(fake.requests.map((r) => r.query.get('query'))).toEqual(['zzzz']);
    expect(result.mentions).toEqual([]);
  });

  it('reads a hostile page of 150,000 small articles (within the JSON budget) without overflowing the call stack', async () => {
    const count = 150_000;
    const articles = Array.from({ length: count }, (_, i) => `{"url":"https://n.example/${i}","seendate":"${seen(1 + (i % 60))}"}`);
    fake.interceptNext({ body: `{"articles":[${articles.join(',')}]}` });
    const http = createHttpClient({ userAgent: 'Vigie-test/0.1', timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024, allowPrivateUrls: true });
    const result = await source().fetch(contextFor(plan, spec, { now: NOW, http }));
    // Every article of the hostile page is read (a full page makes the source walk back one window, into the fake's own).
    expect(result.mentions.filter((m) => m.url.startsWith('https://n.example/'))).toHaveLength(count);
  }, 60_000);
});
