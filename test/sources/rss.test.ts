import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MentionSchema } from '../../src/core/mention.js';
import { createHttpClient } from '../../src/sources/http.js';
import { createRssSource } from '../../src/sources/rss.js';
import type { FetchResult } from '../../src/sources/source.js';
import { SourceError } from '../../src/core/source-error.js';
import { startFeedServer, type FakeFeedItem, type FeedServer } from '../fakes/feed-server.js';
import { NOW, fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const ITEMS: FakeFeedItem[] = [
  {
    guid: 'post-1',
    link: 'https://blog.example.org/2026/11/acme-panne',
    title: 'Acme Bank : panne géante',
    content: '<p>Les clients d&rsquo;<b>Acme Bank</b> ne peuvent plus payer.</p><script>track()</script>',
    author: 'Nadia',
    date: '2026-11-26T09:30:00Z',
  },
  { link: 'https://blog.example.org/2026/11/no-guid', title: 'Sans guid', content: 'Texte', date: '2026-11-26T10:00:00Z' },
  { title: 'Ni guid ni lien', content: 'Rien que du texte', date: '2026-11-26T11:00:00Z' },
];

let server: FeedServer;
const http = createHttpClient(loopbackHttp);

beforeEach(async () => {
  server = await startFeedServer({ items: ITEMS, title: 'Le blog', language: 'fr-FR' });
});
afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const ids = (result: FetchResult): string[] => result.mentions.map((m) => m.id);

describe.each(['/rss.xml', '/atom.xml'])('rss source on %s', (path) => {
  const spec = () => ({ kind: 'rss' as const, arg: `${server.url}${path}` });

  it('turns every item into a valid mention on the first poll', async () => {
    const result = await createRssSource().fetch(fetchContext(http, spec()));
    expect(result.mentions).toHaveLength(3);
    for (const mention of result.mentions) expect(MentionSchema.parse(mention)).toEqual(mention);
    const [first] = result.mentions;
    expect(first).toMatchObject({
      sourceKind: 'rss',
      url: 'https://blog.example.org/2026/11/acme-panne',
      author: 'Nadia',
      title: 'Acme Bank : panne géante',
      text: 'Les clients d’Acme Bank ne peuvent plus payer.',
      lang: 'fr',
      publishedAt: Date.parse('2026-11-26T09:30:00Z'),
    });
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBeDefined();
    expect(new Set(ids(result)).size).toBe(3);
  });

  it('marks the feed title standing in for a missing author as a publication, not a person', async () => {
    const result = await createRssSource().fetch(fetchContext(http, spec()));
    expect(result.mentions.map((m) => [m.author, m.byline])).toEqual([
      ['Nadia', undefined],
      ['Le blog', 'publication'],
      ['Le blog', 'publication'],
    ]);
  });

  it('answers a second poll with 304 as "not modified", keeping the validators', async () => {
    const source = createRssSource();
    const first = await source.fetch(fetchContext(http, spec()));
    const second = await source.fetch(fetchContext(http, spec(), { etag: first.etag, lastModified: first.lastModified }));
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(second).toEqual({ mentions: [], notModified: true, etag: first.etag, lastModified: first.lastModified });
  });

  it('gives the same ids across polls and across a restart (a new source instance)', async () => {
    const first = await createRssSource().fetch(fetchContext(http, spec()));
    server.setItems([...ITEMS, { guid: 'post-4', title: 'Nouveau', date: '2026-11-26T12:00:00Z' }]);
    const afterChange = await createRssSource().fetch(fetchContext(http, spec(), { etag: first.etag }));
    expect(afterChange.etag).toBe('"v2"');
    expect(ids(afterChange).slice(0, 3)).toEqual(ids(first));
    expect(ids(afterChange)).toHaveLength(4);
  });
});

describe('rss source', () => {
  it('uses the poll time for an item with no date or an unreadable one, and clamps future dates', async () => {
    server.setItems([
      { guid: 'a', title: 'no date' },
      { guid: 'b', title: 'bad date', date: 'yesterday-ish' },
      { guid: 'c', title: 'future', date: '2027-01-01T00:00:00Z' },
    ]);
    for (const path of ['/rss.xml', '/atom.xml']) {
      const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}${path}` }));
      expect(result.mentions.map((m) => m.publishedAt)).toEqual([NOW, NOW, NOW]);
    }
  });

  it('bounds the text of a huge item', async () => {
    server.setItems([{ guid: 'long', title: 'long', content: `<p>${'mot '.repeat(5000)}</p>` }]);
    const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/rss.xml` }));
    const text = result.mentions[0]?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text.endsWith('…')).toBe(true);
  });

  it('reads a feed encoded in ISO-8859-1', async () => {
    const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/latin1.xml` }));
    expect(result.mentions[0]?.title).toBe('Acme Bank : panne géante');
  });

  it('reports malformed XML as malformed, naming the feed', async () => {
    const arg = `${server.url}/malformed.xml`;
    const error = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg })));
    expect(error.code).toBe('malformed');
    expect(error.message).toContain(`the feed ${arg} is not a readable RSS or Atom feed`);
  });

  it('reports an HTML page as malformed', async () => {
    const error = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/page.html` })));
    expect(error.code).toBe('malformed');
  });

  it('reports a 500 as http_status with the status', async () => {
    const error = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/status/500` })));
    expect(error).toMatchObject({ code: 'http_status', status: 500 });
  });

  it('reports 401 and 403 as unauthorized', async () => {
    for (const status of [401, 403]) {
      const error = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/status/${status}` })));
      expect(error).toMatchObject({ code: 'unauthorized', status });
    }
  });

  it('reports a 429 as rate_limited with Retry-After in seconds or as an HTTP date', async () => {
    const inSeconds = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/status/429?retry-after=120` })));
    expect(inSeconds).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 120_000 });
    const date = new Date(NOW + 90_000).toUTCString();
    const asDate = await failure(
      createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/status/429?retry-after=${encodeURIComponent(date)}` })),
    );
    expect(asDate).toMatchObject({ code: 'rate_limited', retryAfterMs: 90_000 });
  });

  it('reports a 50 MB feed as too_large', async () => {
    const error = await failure(createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/huge.xml` })));
    expect(error.code).toBe('too_large');
  });

  it('reports a server that never answers as a timeout', async () => {
    const impatient = createHttpClient({ ...loopbackHttp, timeoutMs: 200 });
    const error = await failure(createRssSource().fetch(fetchContext(impatient, { kind: 'rss', arg: `${server.url}/hang` })));
    expect(error.code).toBe('timeout');
  });

  it('normalises feed URL arguments and refuses what is not one', () => {
    const source = createRssSource();
    expect(source.normaliseArg('<https://example.com/feed.xml|example.com/feed.xml>')).toBe('https://example.com/feed.xml');
    expect(source.normaliseArg('example.com/feed')).toBe('https://example.com/feed');
    expect(() => source.normaliseArg(undefined)).toThrow(/a feed URL is needed/);
    expect(() => source.normaliseArg('ftp://example.com/feed')).toThrow(/not an http\(s\) URL/);
  });
});

describe('rss source on a feed in windows-1256', () => {
  // Stand-in (no public recording of a windows-1256 feed was found): Arabic and French text encoded by the fake.
  const ARABIC: FakeFeedItem[] = [
    {
      guid: 'ar-1',
      link: 'https://news.example.ma/ar/1',
      title: 'أكمي بنك: عطل كبير في الدفع',
      content: '<p>الزبناء غاضبون</p>',
      date: '2026-11-26T09:30:00Z',
    },
    { guid: 'fr-1', link: 'https://news.example.ma/fr/1', title: 'Acme Bank : panne générale à Rabat', date: '2026-11-26T09:00:00Z' },
  ];
  let arabic: FeedServer;
  beforeEach(async () => {
    arabic = await startFeedServer({ items: ARABIC, title: 'هسبريس', language: 'ar' });
  });
  afterEach(async () => {
    await arabic.close();
  });

  it.each(['/windows-1256.xml', '/windows-1256-header.xml'])('decodes Arabic and French text declared as windows-1256 (%s)', async (path) => {
    const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${arabic.url}${path}` }));
    expect(result.mentions.map((m) => m.title)).toEqual(['أكمي بنك: عطل كبير في الدفع', 'Acme Bank : panne générale à Rabat']);
    expect(result.mentions[0]).toMatchObject({ text: 'الزبناء غاضبون', author: 'هسبريس', lang: 'ar' });
  });
});
