import { createHttpClient, type HttpClient } from '../../src/sources/http.js';

/** The real client, with the SSRF guard letting the loopback fakes through. */
export function testHttpClient(): HttpClient {
  return createHttpClient({ userAgent: 'Vigie-test/0.1', timeoutMs: 5_000, maxBytes: 4 * 1024 * 1024, allowPrivateUrls: true });
}
