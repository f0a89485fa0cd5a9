import type { HttpClientOptions } from '../../src/sources/http.js';

/** Client settings for tests against the loopback fake servers: private URLs allowed, short timeout. */
export const loopbackHttp: HttpClientOptions = {
  userAgent: 'Vigie-test/0.1 (+https://github.com/vigie-bot/vigie)',
  timeoutMs: 3_000,
  maxBytes: 1024 * 1024,
  allowPrivateUrls: true,
};
