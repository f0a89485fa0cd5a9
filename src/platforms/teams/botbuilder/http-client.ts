import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { TeamsTransportError } from '../port.js';

/** The HTTP client slot of botbuilder's connector options (`@azure/core-http-compat` RequestPolicy). */
type ConnectorOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
export type ConnectorHttpClient = NonNullable<ConnectorOptions['httpClient']>;
type WebResource = Parameters<ConnectorHttpClient['sendRequest']>[0];

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * The connector's HTTP calls over `fetch`. Its one job beyond transport: 429, 412 and 5xx answers are thrown as
 * TeamsTransportErrors instead of being returned. botbuilder's own retry policy would otherwise sleep for whatever
 * Retry-After says (unbounded) three times over, and repeat POSTs that Teams may already have performed (a second
 * root post). Thrown this way (not a RestError) they skip that policy and reach the notifier at once, which retries
 * what is safe within its bound or hands the alert back to the outbox.
 */
export function createConnectorHttpClient(options: { timeoutMs: number }): ConnectorHttpClient {
  return {
    async sendRequest(request: WebResource) {
      const signals = [AbortSignal.timeout(request.timeout > 0 ? request.timeout : options.timeoutMs)];
      if (request.abortSignal !== undefined) signals.push(request.abortSignal as AbortSignal);
      const body =
        request.body === undefined || request.body === null || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.rawHeaders(),
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
        signal: AbortSignal.any(signals),
        redirect: 'manual',
      });
      const bodyAsText = await response.text();
      if (response.status === 429 || response.status === 412 || response.status >= 500) {
        const wait = retryAfterMs(response.headers.get('retry-after'));
        throw new TeamsTransportError(
          response.status === 429 ? 'throttled' : 'unavailable',
          `Bot Connector answered ${response.status} to ${request.method} ${new URL(request.url).pathname}`,
          { status: response.status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) },
        );
      }
      // The request's header collection is the compat class botbuilder expects: reuse it for the response.
      const headers = request.headers.clone();
      for (const name of headers.headerNames()) headers.remove(name);
      for (const [name, value] of response.headers) headers.set(name, value);
      return { request, status: response.status, headers, bodyAsText };
    },
  };
}
