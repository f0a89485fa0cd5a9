import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A stand-in for Slack on 127.0.0.1, speaking the real wire format: `POST /api/<method>` with form-encoded bodies
 * (JSON-valued fields such as `blocks` decoded here for convenience) answered with `{ ok, … }` JSON; the absolute
 * upload URL of files.uploadV2; `response_url` endpoints; and a Socket Mode WebSocket that says hello, pushes
 * envelopes and captures the app's acks.
 */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
  /** What the fake answered (HTTP 200 only). */
  response?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface Upload {
  fileId: string;
  body: Buffer;
  contentType: string | undefined;
  at: number;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'view', 'metadata']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function decodeForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: Upload[] = [];
  /** Acks received over the Socket Mode link, by envelope id. */
  readonly acks = new Map<string, Record<string, unknown>>();
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly waiters = new Set<() => void>();
  private seq = 0;
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link/')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next `times` calls of `method` fail this way (HTTP 429 with Retry-After, a 5xx, or `ok:false`). */
  fail(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Replace the default answer of a method. */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolve with the first call (past or future) of `method` that satisfies `predicate`. */
  waitFor(method: string, predicate: (call: SlackCall) => boolean = () => true, timeoutMs = 5000): Promise<SlackCall> {
    return this.until(() => this.calls.find((c) => c.method === method && predicate(c)), `${method} call`, timeoutMs);
  }

  waitForResponse(predicate: (post: ResponseUrlPost) => boolean = () => true, timeoutMs = 5000): Promise<ResponseUrlPost> {
    return this.until(() => this.responses.find(predicate), 'response_url post', timeoutMs);
  }

  /** Push a Socket Mode envelope and resolve with the app's ack payload. */
  async sendEnvelope(envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean }, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const socket = await this.until(() => this.socket, 'socket mode connection', timeoutMs);
    socket.send(JSON.stringify(envelope));
    return this.until(() => this.acks.get(envelope.envelope_id), `ack of ${envelope.envelope_id}`, timeoutMs);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private until<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Slack: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (message.envelope_id !== undefined) {
        this.acks.set(message.envelope_id, message.payload ?? {});
        this.notify();
      }
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
    this.notify();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const body = await readBody(req);
    if (path.startsWith('/upload/')) {
      this.uploads.push({ fileId: path.slice('/upload/'.length), body, contentType: req.headers['content-type'], at: Date.now() });
      this.notify();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
      return;
    }
    if (path.startsWith('/response/')) {
      this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(body.toString('utf8')), at: Date.now() });
      this.notify();
      send(res, 200, { ok: true });
      return;
    }
    if (!path.startsWith('/api/')) return send(res, 404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    const args = decodeForm(body.toString('utf8'));
    const call: SlackCall = { method, args, authorization: req.headers.authorization, at: Date.now() };
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      this.notify();
      if ('error' in failure) return send(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      return send(res, failure.status, { ok: false, error: 'internal_error' });
    }
    const handler = this.handlers.get(method);
    call.response = handler ? handler(args) : this.answer(method, args);
    this.notify();
    send(res, 200, call.response);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    this.seq += 1;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'vigie', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const ts = `1764234000.${String(this.seq).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text, thread_ts: args.thread_ts } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
        return { ok: true, view: { id: `V${this.seq}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F${this.seq}`, file_id: `F${this.seq}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as Array<{ id: string; title?: string }>).map((f) => ({ id: f.id, title: f.title })) };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${this.seq}` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}
