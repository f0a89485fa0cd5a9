import { describe, expect, it } from 'vitest';
import { parseRetryAfter, statusError } from '../../src/sources/http-status.js';

const NOW = Date.parse('2026-11-27T06:00:00Z');
const response = (status: number, headers: Record<string, string> = {}) => ({
  status,
  url: 'https://x.example/feed',
  headers: new Headers(headers),
  body: '',
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 06:02:00 GMT', NOW)).toBe(120_000);
  });

  it('never returns a negative delay, and ignores garbage', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 05:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('statusError', () => {
  it('accepts 2xx', () => {
    expect(statusError(response(200), 'the feed', NOW)).toBeUndefined();
  });

  it('maps 401/403, 429 and other errors to their codes', () => {
    expect(statusError(response(403), 'the feed', NOW)).toMatchObject({ code: 'unauthorized', status: 403 });
    expect(statusError(response(429), 'the feed', NOW)).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(statusError(response(429), 'the feed', NOW)?.retryAfterMs).toBeUndefined();
    expect(statusError(response(404), 'the feed', NOW)?.message).toBe('the feed answered HTTP 404: check the address');
    expect(statusError(response(503), 'the feed', NOW)).toMatchObject({ code: 'http_status', status: 503 });
  });
});
