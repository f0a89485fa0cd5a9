import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/sources/address-guard.js';
import { createHttpClient, type HttpClientOptions } from '../../src/sources/http.js';
import { SourceError } from '../../src/core/source-error.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { loopbackHttp } from './http-options.js';

let server: FeedServer;
const guarded: HttpClientOptions = { ...loopbackHttp, allowPrivateUrls: false };

beforeAll(async () => {
  server = await startFeedServer({ items: [{ guid: 'a', title: 'hello', date: '2026-11-26T10:00:00Z' }] });
});
afterAll(async () => {
  await server.close();
});

async function refusal(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).code).toBe('blocked_address');
  return error as SourceError;
}

describe('guard against server-side request forgery', () => {
  it('refuses 127.0.0.1 by default, naming the address kind and the setting', async () => {
    const error = await refusal(createHttpClient(guarded).request(`${server.url}/rss.xml`));
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(error.message).toMatch(/VIGIE_ALLOW_PRIVATE_URLS=true/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses localhost after resolving it', async () => {
    const error = await refusal(createHttpClient(guarded).request(`http://localhost:${server.port}/rss.xml`));
    expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
  });

  it('refuses a public-looking host name that resolves to a private address', async () => {
    const http = createHttpClient({ ...guarded, resolve: async () => [{ address: '10.1.2.3', family: 4 }] });
    const error = await refusal(http.request('https://news.example.com/feed.xml'));
    expect(error.message).toMatch(/news\.example\.com resolves to 10\.1\.2\.3, which is a private-network address/);
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const http = createHttpClient({
      ...guarded,
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: 'fd00:ec2::254', family: 6 },
      ],
    });
    const error = await refusal(http.request('https://mixed.example.com/feed.xml'));
    expect(error.message).toMatch(/fd00:ec2::254, which is a cloud metadata service address/);
  });

  it('refuses a redirect from an allowed host to the metadata address, before connecting to it', async () => {
    // The fake server's own address passes as public here, so only the redirect target is judged.
    const http = createHttpClient({ ...guarded, classify: (ip) => (ip === '127.0.0.1' ? 'public' : classifyAddress(ip)) });
    const to = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    const error = await refusal(http.request(`${server.url}/redirect?to=${to}`));
    expect(error.message).toMatch(/169\.254\.169\.254 is a cloud metadata service address \(redirected from 127\.0\.0\.1:\d+\)/);
  });

  it('refuses a redirect to a host name that resolves to a private address', async () => {
    const http = createHttpClient({
      ...guarded,
      classify: (ip) => (ip === '127.0.0.1' ? 'public' : classifyAddress(ip)),
      resolve: async () => [{ address: '192.168.1.20', family: 4 }],
    });
    const to = encodeURIComponent('http://intranet.example.com/admin');
    const error = await refusal(http.request(`${server.url}/redirect?to=${to}`));
    expect(error.message).toMatch(/intranet\.example\.com resolves to 192\.168\.1\.20/);
  });

  it('connects to the vetted address, not to a second DNS answer', async () => {
    // `.test` names never resolve through real DNS: reaching the server proves the pinned address was used.
    const http = createHttpClient({ ...loopbackHttp, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const res = await http.request(`http://feeds.vigie.test:${server.port}/rss.xml`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>hello</title>');
  });

  it('allows private addresses when VIGIE_ALLOW_PRIVATE_URLS is set', async () => {
    const res = await createHttpClient(loopbackHttp).request(`http://localhost:${server.port}/rss.xml`);
    expect(res.status).toBe(200);
  });
});
