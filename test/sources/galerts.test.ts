import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPath, createGalertsSource } from '../../src/sources/galerts.js';
import { unwrapGoogleRedirect } from '../../src/sources/google-link.js';
import { createHttpClient } from '../../src/sources/http.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

let server: FeedServer;
const http = createHttpClient(loopbackHttp);

beforeAll(async () => {
  server = await startFeedServer({
    items: [
      {
        guid: '4242',
        link: 'https://www.lematin.ma/economie/acme-panne',
        title: 'Acme : une panne paralyse les agences',
        content: 'Les agences <b>Acme</b> fermées &amp; clients furieux',
        date: '2026-11-26T07:00:00Z',
      },
    ],
  });
});
afterAll(async () => {
  await server.close();
});

describe('galerts source', () => {
  const settings = () => ({ galertsUrl: `${server.url}/alerts/feeds` });

  it('reads a Google Alerts feed under the configured base URL', async () => {
    const { mentions } = await createGalertsSource(settings()).fetch(fetchContext(http, { kind: 'galerts', arg: '01234567890/98765' }));
    expect(server.requests.at(-1)?.path).toBe('/alerts/feeds/01234567890/98765');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      sourceKind: 'galerts',
      url: 'https://www.lematin.ma/economie/acme-panne',
      author: 'lematin.ma',
      title: 'Acme : une panne paralyse les agences',
      text: 'Les agences Acme fermées & clients furieux',
      publishedAt: Date.parse('2026-11-26T07:00:00Z'),
    });
  });

  it('keeps ids stable across polls and restarts', async () => {
    const spec = { kind: 'galerts' as const, arg: '01234567890/98765' };
    const first = await createGalertsSource(settings()).fetch(fetchContext(http, spec));
    const second = await createGalertsSource(settings()).fetch(fetchContext(http, spec));
    expect(first.mentions).toHaveLength(1);
    expect(second.mentions.map((m) => m.id)).toEqual(first.mentions.map((m) => m.id));
  });

  it('accepts the feed URL, its path, or a Slack link, and refuses anything else', () => {
    expect(alertPath('https://www.google.com/alerts/feeds/01234567890/98765')).toBe('01234567890/98765');
    expect(alertPath('<https://www.google.com/alerts/feeds/0123/4567|feed>')).toBe('0123/4567');
    expect(alertPath(' 0123/4567 ')).toBe('0123/4567');
    expect(() => alertPath(undefined)).toThrow(/a Google Alerts feed is needed/);
    expect(() => alertPath('https://example.com/feed.xml')).toThrow(/is not a Google Alerts feed/);
    expect(() => alertPath('0123/4567/extra')).toThrow(/is not a Google Alerts feed/);
  });

  it('unwraps google.com/url redirect links only', () => {
    expect(unwrapGoogleRedirect('https://www.google.com/url?rct=j&url=https%3A%2F%2Fa.example%2Fx&ct=ga')).toBe('https://a.example/x');
    expect(unwrapGoogleRedirect('https://evil.example/url?url=https%3A%2F%2Fa.example')).toBe('https://evil.example/url?url=https%3A%2F%2Fa.example');
    expect(unwrapGoogleRedirect('https://www.google.com/url?url=javascript%3Aalert(1)')).toBe('https://www.google.com/url?url=javascript%3Aalert(1)');
  });
});
