import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/sources/http.js';
import { SourceError } from '../../src/core/source-error.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { loopbackHttp } from './http-options.js';

let server: FeedServer;
const items = [{ guid: 'a', title: 'Café crème', content: '<p>Médias à Rabat</p>', date: '2026-11-26T10:00:00Z' }];

beforeAll(async () => {
  server = await startFeedServer({ items });
});
afterAll(async () => {
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

describe('createHttpClient', () => {
  const http = createHttpClient(loopbackHttp);

  it('sends the User-Agent and returns status, final URL, headers and body', async () => {
    const res = await http.request(`${server.url}/rss.xml`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.url}/rss.xml`);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.body).toContain('<title>Café crème</title>');
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(loopbackHttp.userAgent);
  });

  it('sends conditional GET validators and returns a 304 with an empty body', async () => {
    const first = await http.request(`${server.url}/rss.xml`);
    const etag = first.headers.get('etag') ?? '';
    const second = await http.request(`${server.url}/rss.xml`, { etag, lastModified: first.headers.get('last-modified') ?? '' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(etag);
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(first.headers.get('last-modified'));
    expect(second.status).toBe(304);
    expect(second.body).toBe('');
  });

  it('gets a 304 from Last-Modified alone when the server sent no ETag before', async () => {
    const first = await http.request(`${server.url}/rss.xml`);
    const second = await http.request(`${server.url}/rss.xml`, { lastModified: first.headers.get('last-modified') ?? '' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(second.status).toBe(304);
  });

  it('never throws on an HTTP status', async () => {
    const res = await http.request(`${server.url}/status/500`);
    expect(res.status).toBe(500);
    expect(res.body).toBe('status 500');
  });

  it('decodes a body in the charset named by its XML declaration', async () => {
    const res = await http.request(`${server.url}/latin1.xml`);
    expect(res.body).toContain('Café crème');
    expect(res.body).toContain('Médias à Rabat');
  });

  it('follows redirects itself and reports the final URL', async () => {
    const res = await http.request(`${server.url}/redirect?to=${encodeURIComponent('/atom.xml')}`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.url}/atom.xml`);
  });

  it('gives up after 5 redirects', async () => {
    const error = await failure(http.request(`${server.url}/loop`));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/more than 5 times/);
  });

  it('times out on a server that never answers', async () => {
    const error = await failure(http.request(`${server.url}/hang`, { timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 200 ms/);
  });

  it('lets the caller abort with its own reason', async () => {
    const controller = new AbortController();
    const pending = http.request(`${server.url}/hang`, { signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('stops reading a 50 MB body beyond the size limit, without downloading it', async () => {
    const error = await failure(http.request(`${server.url}/huge.xml`));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/VIGIE_HTTP_MAX_BYTES/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.hugeBytesSent()).toBeGreaterThan(0);
    expect(server.hugeBytesSent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const error = await failure(http.request(`${server.url}/huge-declared.xml`));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/declares 52428800 bytes/);
  });

  it('reports a refused connection as unreachable with its cause code', async () => {
    const closed = await startFeedServer();
    const url = `${closed.url}/rss.xml`;
    await closed.close();
    const error = await failure(http.request(url));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('reports an unknown host as unreachable with ENOTFOUND', async () => {
    const offline = createHttpClient({
      ...loopbackHttp,
      resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
    });
    const error = await failure(offline.request('http://no-such-host.invalid/feed'));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/ENOTFOUND/);
  });

  it('rejects URLs that are not http or https', async () => {
    const error = await failure(http.request('file:///etc/passwd'));
    expect(error.code).toBe('invalid_argument');
  });
});
