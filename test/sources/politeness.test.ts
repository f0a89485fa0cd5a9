import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter, retryAfterMsOf } from '../../src/sources/politeness.js';
import { type ApiServer, startApiServer } from '../fakes/api-server.js';
import { testHttpClient } from './http-client.js';

describe('retryAfterMsOf', () => {
  const now = Date.UTC(2026, 10, 27, 12);
  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMsOf(new Headers({ 'retry-after': '120' }), now)).toBe(120_000);
    expect(retryAfterMsOf(new Headers({ 'retry-after': new Date(now + 30_000).toUTCString() }), now)).toBe(30_000);
  });
  it('reads the platforms’ reset headers: epoch seconds (X, Bluesky) or seconds to wait (Reddit)', () => {
    expect(retryAfterMsOf(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 900) }), now)).toBe(900_000);
    expect(retryAfterMsOf(new Headers({ 'ratelimit-reset': String(now / 1000 + 60) }), now)).toBe(60_000);
    expect(retryAfterMsOf(new Headers({ 'x-ratelimit-reset': '42' }), now)).toBe(42_000);
  });
  it('is undefined when the platform says nothing', () => {
    expect(retryAfterMsOf(new Headers(), now)).toBeUndefined();
  });
});

describe('limiter', () => {
  let server: ApiServer;
  beforeEach(async () => {
    server = await startApiServer(() => ({ body: { ok: true } }));
  });
  afterEach(() => server.close());

  it('refuses a request beyond a host limit with rate_limited and the delay, without sending it', async () => {
    let now = 1_000_000;
    const limiter = createLimiter({ clock: () => now, maxWaitMs: 0 });
    const client = limiter.client(testHttpClient(), 'reddit', [{ per: 'host', requests: 2, windowMs: 60_000 }]);
    await client.request(`${server.url}/a`);
    now += 10_000;
    await client.request(`${server.url}/b`);
    await expect(client.request(`${server.url}/c`)).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 50_000 });
    expect(server.requests).toHaveLength(2);
    now += 50_000;
    await client.request(`${server.url}/d`);
    expect(server.requests).toHaveLength(3);
  });

  it('counts a host limit across every plan’s client, and a credential limit across hosts', async () => {
    const limiter = createLimiter({ maxWaitMs: 0 });
    const rule = [{ per: 'credential' as const, requests: 1, windowMs: 60_000 }];
    await limiter.client(testHttpClient(), 'x', rule, 'X_BEARER_TOKEN').request(`${server.url}/1`);
    const other = await startApiServer(() => ({ body: {} }));
    await expect(limiter.client(testHttpClient(), 'x', rule, 'X_BEARER_TOKEN').request(`${other.url}/2`)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await other.close();
  });

  it('waits instead of refusing when the wait is short', async () => {
    const limiter = createLimiter({ maxWaitMs: 1_000 });
    const client = limiter.client(testHttpClient(), 'gdelt', [{ per: 'host', requests: 1, windowMs: 200 }]);
    const start = Date.now();
    await client.request(`${server.url}/1`);
    await client.request(`${server.url}/2`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
  });

  it('after a 429 with Retry-After, blocks the host for every kind and tells the scheduler when to come back', async () => {
    let now = 5_000_000;
    const limiter = createLimiter({ clock: () => now, maxWaitMs: 0 });
    server.interceptNext({ status: 429, headers: { 'retry-after': '30' }, body: {} });
    const res = await limiter.client(testHttpClient(), 'hn', []).request(`${server.url}/x`);
    expect(res.status).toBe(429);
    expect(limiter.notBefore('hn')).toBe(now + 30_000);
    await expect(limiter.client(testHttpClient(), 'petitions', []).request(`${server.url}/y`)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 30_000,
    });
    now += 30_000;
    expect(limiter.notBefore('hn')).toBeUndefined();
    expect((await limiter.client(testHttpClient(), 'hn', []).request(`${server.url}/z`)).status).toBe(200);
  });
});
