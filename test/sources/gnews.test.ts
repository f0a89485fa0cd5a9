import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGnewsSource, gnewsSearchUrl, parseLocale } from '../../src/sources/gnews.js';
import { createHttpClient } from '../../src/sources/http.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { fetchContext, testPlan } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

let server: FeedServer;
const http = createHttpClient(loopbackHttp);

beforeAll(async () => {
  server = await startFeedServer({
    items: [
      { guid: 'CBMiAcme1', title: 'Acme Bank : les clients en colère', author: 'Le Monde', date: '2026-11-26T08:00:00Z' },
      { guid: 'CBMiAcme2', title: 'Panne chez Acme - suite', author: 'Hespress FR', date: '2026-11-26T09:00:00Z' },
    ],
  });
});
afterAll(async () => {
  await server.close();
});

function lastQuery(): URLSearchParams {
  return new URL(server.requests.at(-1)?.path ?? '/', server.url).searchParams;
}

describe('gnews source', () => {
  it('searches Google News for the brand query in the edition given as argument', async () => {
    const source = createGnewsSource({ gnewsUrl: server.url });
    await source.fetch(fetchContext(http, { kind: 'gnews', arg: 'fr-MA' }));
    expect(server.requests.at(-1)?.path).toMatch(/^\/rss\/search\?/);
    expect(Object.fromEntries(lastQuery())).toEqual({ q: '"Acme Bank" OR acmebank', hl: 'fr', gl: 'MA', ceid: 'MA:fr' });
  });

  it('uses the plan language when no edition is given', async () => {
    const source = createGnewsSource({ gnewsUrl: server.url });
    await source.fetch(fetchContext(http, { kind: 'gnews' }, { plan: testPlan({ locale: 'en' }) }));
    expect(Object.fromEntries(lastQuery())).toMatchObject({ hl: 'en-US', gl: 'US', ceid: 'US:en' });
  });

  it('takes the query from a pluggable translator', async () => {
    const source = createGnewsSource({ gnewsUrl: server.url, keywordQuery: (plan) => `${plan.name} when:1d` });
    await source.fetch(fetchContext(http, { kind: 'gnews', arg: 'fr-FR' }));
    expect(lastQuery().get('q')).toBe('acme when:1d');
  });

  it('splits "Headline - Publisher" into title and author, in the edition language', async () => {
    const source = createGnewsSource({ gnewsUrl: server.url });
    const { mentions } = await source.fetch(fetchContext(http, { kind: 'gnews', arg: 'fr-MA' }));
    expect(mentions.map(({ title, author, text, lang }) => ({ title, author, text, lang }))).toEqual([
      { title: 'Acme Bank : les clients en colère', author: 'Le Monde', text: 'Acme Bank : les clients en colère', lang: 'fr' },
      { title: 'Panne chez Acme - suite', author: 'Hespress FR', text: 'Panne chez Acme - suite', lang: 'fr' },
    ]);
    expect(mentions[0]?.publishedAt).toBe(Date.parse('2026-11-26T08:00:00Z'));
    expect(mentions[0]?.id).toMatch(/^gnews:/);
  });

  it('gives an article the same id in every edition, across polls', async () => {
    const source = createGnewsSource({ gnewsUrl: server.url });
    const morocco = await source.fetch(fetchContext(http, { kind: 'gnews', arg: 'fr-MA' }));
    const france = await createGnewsSource({ gnewsUrl: server.url }).fetch(fetchContext(http, { kind: 'gnews', arg: 'fr-FR' }));
    expect(morocco.mentions).toHaveLength(2);
    expect(france.mentions.map((m) => m.id)).toEqual(morocco.mentions.map((m) => m.id));
  });

  it('normalises locales and explains a bad one', () => {
    const source = createGnewsSource({ gnewsUrl: server.url });
    expect(source.normaliseArg('fr_ma')).toBe('fr-MA');
    expect(source.normaliseArg('en')).toBe('en-US');
    expect(source.normaliseArg(undefined)).toBeUndefined();
    // Arabic alone reads the Moroccan edition, the seed team's; a language with no default edition needs its country.
    expect(source.normaliseArg('ar')).toBe('ar-MA');
    expect(() => source.normaliseArg('de')).toThrow(/"de" is not a news locale.*fr-MA/);
    expect(() => parseLocale('french')).toThrow(/not a news locale/);
  });

  it('builds the search URL under a configurable base', () => {
    const url = new URL(gnewsSearchUrl('https://proxy.example.com/gnews', 'acme -jobs', { lang: 'en', region: 'GB' }));
    expect(url.origin + url.pathname).toBe('https://proxy.example.com/gnews/rss/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'acme -jobs', hl: 'en-GB', gl: 'GB', ceid: 'GB:en' });
  });
});
