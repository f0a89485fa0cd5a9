import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Agent, Headers as UndiciHeaders } from 'undici';
import { ADDRESS_CLASS_LABEL, classifyAddress, type AddressClass } from './address-guard.js';
import { readLimitedText } from './http-body.js';
import { SourceError } from '../core/source-error.js';

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
  /**
   * Throws SourceError (`timeout`, `too_large`, `blocked_address`, `unreachable`, `invalid_argument` for a URL
   * that is not http(s)), or the caller's own abort reason; never throws on an HTTP status.
   */
  request(url: string, init?: HttpRequest): Promise<HttpResponse>;
}

/** Resolves a host name to every address it has (injectable so tests can make a name resolve anywhere). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface HttpClientOptions {
  /** VIGIE_USER_AGENT: feed hosts and APIs block anonymous clients; say who we are. */
  userAgent: string;
  /** VIGIE_HTTP_TIMEOUT_MS: for the whole request, redirects and body included. */
  timeoutMs: number;
  /** VIGIE_HTTP_MAX_BYTES: decoded body size limit. */
  maxBytes: number;
  /** VIGIE_ALLOW_PRIVATE_URLS: turn the SSRF guard off, for intranet feeds and tests. */
  allowPrivateUrls: boolean;
  maxRedirects?: number;
  resolve?: Resolver;
  /** Which addresses are refused; tests use it to let a loopback fake server pass as public. */
  classify?: (address: string) => AddressClass;
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that must not follow a redirect to another origin: they would hand a credential to a stranger.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return { request: (url, init = {}) => send(options, url, init) };
}

async function send(options: HttpClientOptions, rawUrl: string, init: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = init.timeoutMs ?? options.timeoutMs;
  const maxBytes = init.maxBytes ?? options.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;

  // undici is loaded by the first request, not at start-up: a bot with no source to poll never needs it.
  const undici = await import('undici');
  let url = httpUrl(rawUrl);
  const headers = requestHeaders(undici.Headers, options, init, url);
  url = withoutCredentials(url);
  const start = url;
  let method: string = init.method ?? 'GET';
  let body = init.body;
  let redirectedFrom: URL | undefined;

  try {
    for (let hop = 0; ; hop += 1) {
      const addresses = await vet(url, options, signal, redirectedFrom);
      const agent = pinnedAgent(undici.Agent, addresses, timeoutMs);
      try {
        const response = await undici.fetch(url, { method, headers, body, redirect: 'manual', signal, dispatcher: agent });
        const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
        if (location === null) {
          const text = response.status === 304 ? '' : await readLimitedText(response, maxBytes, url);
          return { status: response.status, url: url.href, headers: new Headers([...response.headers]), body: text };
        }
        await response.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) {
          throw new SourceError('unreachable', `${start.href} redirects more than ${maxRedirects} times; give the final URL`);
        }
        const next = redirectTarget(location, url);
        if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        if (response.status === 303 || (method === 'POST' && (response.status === 301 || response.status === 302))) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
        }
        redirectedFrom = url;
        url = next;
      } finally {
        agent.destroy().catch(() => undefined);
      }
    }
  } catch (error) {
    throw failure(error, url, { timeout, timeoutMs, caller: init.signal });
  }
}

function httpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SourceError('invalid_argument', `"${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceError('invalid_argument', `only http and https URLs can be fetched, not ${url.protocol}`);
  }
  return url;
}

function requestHeaders(Headers: typeof UndiciHeaders, options: HttpClientOptions, init: HttpRequest, url: URL): UndiciHeaders {
  const headers = new Headers(init.headers);
  if (!headers.has('user-agent')) headers.set('user-agent', options.userAgent);
  if (!headers.has('accept')) headers.set('accept', '*/*');
  if (init.etag) headers.set('if-none-match', init.etag);
  if (init.lastModified) headers.set('if-modified-since', init.lastModified);
  // fetch refuses URLs with credentials; intranet feeds use them, so they become Basic auth.
  if ((url.username || url.password) && !headers.has('authorization')) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.set('authorization', `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`);
  }
  return headers;
}

function withoutCredentials(url: URL): URL {
  if (!url.username && !url.password) return url;
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare;
}

function redirectTarget(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new SourceError('unreachable', `${from.host} redirects to an invalid URL "${location}"`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new SourceError('blocked_address', `${from.host} redirects to ${next.protocol} URL ${next.href}: only http and https are followed`);
  }
  return next;
}

/**
 * Resolve the host ourselves and refuse it if ANY of its addresses is not public; the connection then goes to
 * these vetted addresses only (see `pinnedAgent`), so a second DNS answer cannot swap in a private one.
 */
async function vet(url: URL, options: HttpClientOptions, signal: AbortSignal, redirectedFrom?: URL): Promise<LookupAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  let addresses: LookupAddress[];
  if (family !== 0) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await abortable((options.resolve ?? systemResolver)(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const code = errorCode(error) ?? 'ENOTFOUND';
      throw new SourceError('unreachable', `cannot resolve ${host} (${code}): check the host name`, { cause: error });
    }
    if (addresses.length === 0) throw new SourceError('unreachable', `${host} has no address (ENOTFOUND)`);
  }
  if (options.allowPrivateUrls) return addresses;
  const classify = options.classify ?? classifyAddress;
  for (const { address } of addresses) {
    const kind = classify(address);
    if (kind === 'public') continue;
    const what = family !== 0 ? `${host} is` : `${host} resolves to ${address}, which is`;
    const via = redirectedFrom ? ` (redirected from ${redirectedFrom.host})` : '';
    throw new SourceError(
      'blocked_address',
      `${what} a ${ADDRESS_CLASS_LABEL[kind]} address${via}: refused to protect internal services from ` +
        `server-side request forgery. For an intranet feed, set VIGIE_ALLOW_PRIVATE_URLS=true.`,
    );
  }
  return addresses;
}

/** An agent whose sockets can only connect to the addresses already vetted for this hop. */
function pinnedAgent(AgentClass: typeof Agent, addresses: LookupAddress[], timeoutMs: number): Agent {
  const lookup = (
    _hostname: string,
    opts: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const candidates = opts.family ? addresses.filter((a) => a.family === opts.family) : addresses;
    const first = candidates[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`no vetted IPv${opts.family} address`);
      error.code = 'ENOTFOUND';
      callback(error, []);
      return;
    }
    if (opts.all) callback(null, candidates);
    else callback(null, first.address, first.family);
  };
  return new AgentClass({ connect: { lookup, timeout: timeoutMs } });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function failure(error: unknown, url: URL, ctx: { timeout: AbortSignal; timeoutMs: number; caller?: AbortSignal }): unknown {
  if (error instanceof SourceError) return error;
  if (ctx.caller?.aborted && !ctx.timeout.aborted) return ctx.caller.reason;
  const code = errorCode(error);
  if (ctx.timeout.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new SourceError('timeout', `${url.host} did not answer within ${ctx.timeoutMs} ms (setting VIGIE_HTTP_TIMEOUT_MS)`, { cause: error });
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new SourceError('unreachable', `cannot reach ${url.host} (${reason})`, { cause: error });
}
