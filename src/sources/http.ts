/**
 * The only way sources reach the network. Implemented in this file by `createHttpClient`: timeout, response
 * size limit, User-Agent, conditional GET, and a guard against server-side request forgery (a URL that
 * resolves to a loopback, private, link-local or metadata address is refused after DNS and after every
 * redirect, unless private URLs are allowed by setting).
 */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Conditional GET validators. */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  url: string;
  headers: Headers;
  /** Empty for 304. */
  body: string;
}

export interface HttpClient {
  /** Throws SourceError (`timeout`, `too_large`, `blocked_address`, `unreachable`); never throws on an HTTP status. */
  request(url: string, init?: HttpRequest): Promise<HttpResponse>;
}
