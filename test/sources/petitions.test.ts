import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelOf } from '../../src/core/mention.js';
import { createPetitionsSource, petitionUrlOf } from '../../src/sources/petitions.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { startFakeGdelt } from '../fakes/gdelt.js';
import { type FakeNewsItem, type FakePetition, startFakePetitions } from '../fakes/petitions.js';
import { createHttpClient } from '../../src/sources/http.js';
import { contextFor, planWith } from './context.js';

// Petition pages found in links (change.org, mesopinions) are not on loopback: name lookups fail, as offline.
const offline = createHttpClient({
  userAgent: 'Vigie-test/0.1',
  timeoutMs: 5_000,
  maxBytes: 4 * 1024 * 1024,
  allowPrivateUrls: true,
  resolve: async (hostname) => {
    throw Object.assign(new Error(`${hostname}: no network in tests`), { code: 'ENOTFOUND' });
  },
});

const NOW = Date.UTC(2026, 10, 27, 12);
const plan = planWith({ brand: 'acme' });
const spec = { kind: 'petitions' as const };
const UK = 'https://petition.parliament.uk/petitions';

describe('petitions source', () => {
  let site: ApiServer;
  let gdelt: ApiServer;
  let petitions: FakePetition[];
  let news: FakeNewsItem[];
  let links: string[];
  const source = () =>
    createPetitionsSource({
      petitionsUrl: site.url,
      gdeltUrl: gdelt.url,
      gnewsUrl: site.url,
      petitionLinks: async () => links,
      limiter: createLimiter(),
    });

  beforeEach(async () => {
    petitions = [
      { id: 700001, action: 'Make Acme refund cancelled flights', signatures: 4200 },
      { id: 700002, action: 'Something else entirely', signatures: 12 },
    ];
    news = [
      {
        title: 'Petition against Acme tops 50,000 - Change.org',
        link: 'https://news.google.com/rss/articles/CBMiXyz?oc=5',
        pubDate: 'Fri, 27 Nov 2026 11:00:00 GMT',
        source: 'Change.org',
      },
    ];
    links = ['https://x.com/someone/status/1', 'https://www.change.org/p/acme-stop-the-layoffs?utm_source=share', `${UK}/700002`];
    site = await startFakePetitions({ petitions, news });
    gdelt = await startFakeGdelt([
      {
        url: 'https://www.mesopinions.com/petition/social/acme-rendez-nous/123456',
        title: 'Acme : rendez-nous nos vols',
        seendate: '20261127T100000Z',
        domain: 'mesopinions.com',
      },
    ]);
  });
  afterEach(async () => {
    await site.close();
    await gdelt.close();
  });

  it('first poll finds petitions from mention links, UK search, news restricted to petition sites', async () => {
    const result = await source().fetch(contextFor(plan, spec, { http: offline, now: NOW }));
    const byUrl = new Map(result.mentions.map((m) => [m.url, m]));
    expect(byUrl.get(`${UK}/700001`)).toMatchObject({
      id: `petitions:${UK}/700001`,
      sourceKind: 'petitions',
      title: 'Make Acme refund cancelled flights',
      metrics: { likes: 4200 },
      publishedAt: NOW,
    });
    expect(byUrl.get(`${UK}/700002`)?.metrics).toEqual({ likes: 12 });
    expect(byUrl.has('https://www.change.org/p/acme-stop-the-layoffs')).toBe(true);
    expect(byUrl.get('https://www.mesopinions.com/petition/social/acme-rendez-nous/123456')?.title).toBe('Acme : rendez-nous nos vols');
    expect(byUrl.get('https://news.google.com/rss/articles/CBMiXyz?oc=5')?.title).toContain('Petition against Acme');
    expect(result.mentions).toHaveLength(5);
    expect(gdelt.requests[0]?.query.get('query')).toContain('domainis:change.org');
    expect(site.requests.find((r) => r.path === '/rss/search')?.query.get('q')).toContain('site:petition.parliament.uk');
  });

  it('incremental poll reports nothing new until signatures jump, then one mention per jump', async () => {
    const first = await source().fetch(contextFor(plan, spec, { http: offline, now: NOW }));
    petitions[0]!.signatures = 4300;
    const quiet = await source().fetch(contextFor(plan, spec, { http: offline, now: NOW + 300_000, cursor: first.cursor }));
    expect(quiet.mentions).toEqual([]);
    petitions[0]!.signatures = 9800;
    const jump = await source().fetch(contextFor(plan, spec, { http: offline, now: NOW + 600_000, cursor: quiet.cursor }));
    expect(jump.mentions).toEqual([
      expect.objectContaining({
        id: `petitions:${UK}/700001#9800`,
        metrics: { likes: 5600 },
        publishedAt: NOW + 600_000,
        text: expect.stringContaining('+5600 since 2026-11-27 12:00 UTC'),
      }),
    ]);
    const after = await source().fetch(contextFor(plan, spec, { http: offline, now: NOW + 900_000, cursor: jump.cursor }));
    expect(after.mentions).toEqual([]);
  });

  it('tracks a UK petition given as argument through its JSON', async () => {
    const result = await source().fetch(
      contextFor(planWith({ brand: 'zzz' }), { kind: 'petitions', arg: `${UK}/700002` }, { http: offline, now: NOW }),
    );
    expect(site.requests.some((r) => r.path === '/petitions/700002.json')).toBe(true);
    expect(result.mentions.find((m) => m.url === `${UK}/700002`)?.metrics).toEqual({ likes: 12 });
  });

  it('turns 429 into rate_limited with Retry-After', async () => {
    site.interceptNext({ status: 429, headers: { 'retry-after': '90' }, body: 'slow down' }, '/petitions');
    await expect(source().fetch(contextFor(plan, spec, { http: offline, now: NOW }))).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 90_000,
    });
  });

  it('turns 401 into unauthorized', async () => {
    site.interceptNext({ status: 401, body: 'Unauthorized' }, '/petitions');
    await expect(source().fetch(contextFor(plan, spec, { http: offline, now: NOW }))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('reports malformed petition JSON', async () => {
    site.interceptNext({ body: '{"data": [{"id": "x"}]}' }, '/petitions.json');
    await expect(source().fetch(contextFor(plan, spec, { http: offline, now: NOW }))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('returns nothing when no petition is found', async () => {
    links = [];
    news.length = 0;
    const result = await source().fetch(contextFor(planWith({ brand: 'zzz' }), spec, { http: offline, now: NOW }));
    // The UK site and GDELT were searched: the empty result is their answer.
    expect(site.requests.some((r) => r.path === '/petitions.json')).toBe(true);
    expect(gdelt.requests.length).toBeGreaterThan(0);
    expect(result.mentions).toEqual([]);
  });

  it('recognises petition pages and nothing else', () => {
    expect(petitionUrlOf('https://petition.parliament.uk/petitions/700001.json')).toBe(`${UK}/700001`);
    expect(petitionUrlOf('https://www.openpetition.de/petition/online/rettet-acme')).toBe('https://www.openpetition.de/petition/online/rettet-acme');
    expect(petitionUrlOf('https://secure.avaaz.org/fr/community_petitions/acme_stop/?share')).toBe(
      'https://secure.avaaz.org/fr/community_petitions/acme_stop',
    );
    expect(petitionUrlOf('https://www.change.org/')).toBeUndefined();
    expect(petitionUrlOf('not a url')).toBeUndefined();
    expect(() => source().normaliseArg('https://example.com/p/1')).toThrow(/not a petition page/);
    // A post linking to a UK petition is a petition-stage mention whatever its source.
    expect(channelOf({ sourceKind: 'x', url: `${UK}/700001` })).toBe('petition');
  });
});
