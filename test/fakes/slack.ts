import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A stand-in for Slack on 127.0.0.1, speaking the real wire format: `POST /api/<method>` with form-encoded bodies
 * (JSON-valued fields such as `blocks` decoded here for convenience) answered with `{ ok, … }` JSON; the absolute
 * upload URL of files.uploadV2; `response_url` endpoints; a Socket Mode WebSocket that says hello, pushes
 * envelopes and captures the app's acks; and the OAuth v2 install flow (consent page → redirect with a code →
 * `oauth.v2.access` → a bot token per workspace, which `auth.test` then recognises and `revoke` kills).
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

/**
 * How a call fails: an HTTP 429 with Retry-After, a 5xx, `ok:false`, or `dropAfterDoing`: Slack carries the call
 * out (a post is in the channel) and the connection drops before the answer, as when a network or a process dies.
 */
export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string } | { dropAfterDoing: true };

/** A message as the channel's history holds it: top-level messages and thread replies broadcast to the channel. */
export interface ChannelMessage {
  ts: string;
  text: unknown;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  threadTs?: string;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

/** A workspace (or an Enterprise Grid org) that can install the app through the fake's OAuth consent page. */
export interface Workspace {
  team: string;
  /** Set for a workspace of an Enterprise Grid org. */
  enterprise?: string;
  /** An org-wide install: the grant names the org, not the workspace. */
  orgWide?: boolean;
  /** Who clicks "Allow". */
  user?: string;
}

/** What the consent page was asked for, and which workspace granted it. */
export interface Consent {
  clientId: string | null;
  scope: string | null;
  state: string | null;
  team: string;
  code: string;
}

interface Grant {
  workspace: Workspace;
  token: string;
  botUser: string;
  refreshToken?: string;
}

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
  /** OAuth: the app's credentials and where the consent page sends the browser back (the app's redirect path). */
  private oauthApp: { clientId: string; clientSecret: string; redirectUri: string } | undefined;
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, Grant>();
  private readonly revoked = new Set<string>();
  /** Token rotation: tokens granted from now on expire after this many seconds and come with a refresh token. */
  private rotationSeconds: number | undefined;
  readonly consents: Consent[] = [];
  /** Every channel's history, oldest first. */
  private readonly history = new Map<string, ChannelMessage[]>();
  /** The clock of message timestamps (`ts`); by default a fixed day with the call sequence as microseconds. */
  clock: (() => number) | undefined;

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

  /** The distributed app: its credentials, and its redirect URL (`…/slack/oauth_redirect`). */
  oauth(app: { clientId: string; clientSecret: string; redirectUri: string }): void {
    this.oauthApp = app;
  }

  /** Slack's authorize page (the app's SLACK_OAUTH_AUTHORIZE_URL in tests). */
  get authorizeUrl(): string {
    return `${this.url}/oauth/v2/authorize`;
  }

  /** The bot token granted to `team` by its last install. */
  tokenOf(team: string): string | undefined {
    return [...this.tokens.entries()]
      .reverse()
      .find(([, g]) => g.workspace.team === team || (g.workspace.orgWide === true && g.workspace.enterprise === team))?.[0];
  }

  /** Token rotation on (as the app setting): new grants expire after `expiresIn` seconds. */
  rotateTokens(expiresIn: number): void {
    this.rotationSeconds = expiresIn;
  }

  /** From now on Slack refuses `token` (uninstall, admin revocation). */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** Replace the default answer of a method. */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** What a person scrolling `channel` sees at the top level: parents and broadcast replies, oldest first. */
  channelMessages(channel: string): ChannelMessage[] {
    return [...(this.history.get(channel) ?? [])];
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
  async sendEnvelope(
    envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean },
    timeoutMs = 5000,
  ): Promise<Record<string, unknown>> {
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
    if (path === '/oauth/v2/authorize') return this.consent(req, res);
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
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    if (bearer !== undefined && this.revoked.has(bearer)) {
      call.response = { ok: false, error: 'token_revoked' };
      this.notify();
      return send(res, 200, call.response);
    }
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      if ('dropAfterDoing' in failure) {
        call.response = this.answer(method, args, bearer);
        this.notify();
        req.socket.destroy();
        return;
      }
      this.notify();
      if ('error' in failure) return send(res, 200, { ok: false, error: failure.error });
      if (failure.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      return send(res, failure.status, { ok: false, error: 'internal_error' });
    }
    const handler = this.handlers.get(method);
    call.response = handler ? handler(args) : this.answer(method, args, bearer);
    this.notify();
    send(res, 200, call.response);
  }

  /**
   * The consent page: the person picks a workspace (`team`, as Slack's own `team` parameter preselects one) and
   * clicks Allow; the browser is sent back to the app's redirect URL with a one-time code and the app's state.
   */
  private consent(req: IncomingMessage, res: ServerResponse): void {
    const query = new URL(req.url ?? '/', this.url).searchParams;
    const team = query.get('team');
    if (this.oauthApp === undefined || team === null) {
      send(res, 400, { ok: false, error: 'bad_request' });
      return;
    }
    if (query.get('client_id') !== this.oauthApp.clientId) {
      send(res, 400, { ok: false, error: 'invalid_client_id' });
      return;
    }
    this.seq += 1;
    const code = `code-${team}-${this.seq}`;
    const enterprise = query.get('enterprise');
    const workspace: Workspace = {
      team,
      ...(enterprise !== null ? { enterprise, orgWide: query.get('org_wide') === 'true' } : {}),
      user: `U${team}ADMIN`,
    };
    this.codes.set(code, { workspace, token: `xoxb-${workspace.orgWide === true ? enterprise : team}-${this.seq}`, botUser: `UBOT${team}` });
    this.consents.push({ clientId: query.get('client_id'), scope: query.get('scope'), state: query.get('state'), team, code });
    const back = new URL(this.oauthApp.redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  /** oauth.v2.access: a code is exchanged once, by the app that asked for it, for the workspace's bot token. */
  private exchange(args: Record<string, unknown>): Record<string, unknown> {
    if (this.oauthApp === undefined || args.client_id !== this.oauthApp.clientId || args.client_secret !== this.oauthApp.clientSecret) {
      return { ok: false, error: 'invalid_client' };
    }
    if (args.grant_type === 'refresh_token') return this.refresh(String(args.refresh_token));
    const grant = this.codes.get(String(args.code));
    if (grant === undefined) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    if (this.rotationSeconds !== undefined) grant.refreshToken = `xoxe-1-${grant.workspace.team}-${this.seq}`;
    this.tokens.set(grant.token, grant);
    const { workspace } = grant;
    const orgWide = workspace.orgWide === true;
    return {
      ok: true,
      app_id: 'A1',
      authed_user: { id: workspace.user },
      scope: 'commands,chat:write,chat:write.public,files:write,channels:history,groups:history,im:write',
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: grant.botUser,
      team: orgWide ? null : { id: workspace.team, name: `Team ${workspace.team}` },
      enterprise: workspace.enterprise !== undefined ? { id: workspace.enterprise, name: `Org ${workspace.enterprise}` } : null,
      is_enterprise_install: orgWide,
      ...(grant.refreshToken !== undefined ? { refresh_token: grant.refreshToken, expires_in: this.rotationSeconds } : {}),
    };
  }

  /** Rotation: a refresh token buys a new access token (and a new refresh token); the old access token dies. */
  private refresh(refreshToken: string): Record<string, unknown> {
    const entry = [...this.tokens.entries()].find(([, g]) => g.refreshToken === refreshToken);
    if (entry === undefined) return { ok: false, error: 'invalid_refresh_token' };
    const [old, grant] = entry;
    this.revoked.add(old);
    const next: Grant = { ...grant, token: `xoxb-${grant.workspace.team}-r${this.seq}`, refreshToken: `xoxe-1-${grant.workspace.team}-r${this.seq}` };
    this.tokens.set(next.token, next);
    return {
      ok: true,
      app_id: 'A1',
      scope: 'commands,chat:write,chat:write.public,files:write,channels:history,groups:history,im:write',
      token_type: 'bot',
      access_token: next.token,
      bot_user_id: next.botUser,
      refresh_token: next.refreshToken,
      expires_in: this.rotationSeconds,
      team: { id: grant.workspace.team, name: `Team ${grant.workspace.team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /**
   * conversations.history: newest first, after `oldest`, `limit` a page with a cursor; message metadata only with
   * `include_all_metadata=true`, as Slack does for metadata of events it was not asked for.
   */
  private channelHistory(args: Record<string, unknown>): Record<string, unknown> {
    const oldest = Number(args.oldest ?? 0);
    const all = (this.history.get(String(args.channel)) ?? []).filter((m) => Number(m.ts) > oldest).reverse();
    const start = Number(args.cursor ?? 0);
    const limit = Number(args.limit ?? 100);
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return {
      ok: true,
      messages: page.map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
        ...(args.include_all_metadata === 'true' && m.metadata !== undefined ? { metadata: m.metadata } : {}),
      })),
      has_more: more,
      ...(more ? { response_metadata: { next_cursor: String(start + limit) } } : {}),
    };
  }

  private answer(method: string, args: Record<string, unknown>, bearer?: string): Record<string, unknown> {
    this.seq += 1;
    switch (method) {
      case 'oauth.v2.access':
        return this.exchange(args);
      case 'auth.test': {
        const grant = bearer === undefined ? undefined : this.tokens.get(bearer);
        if (grant !== undefined) {
          const { team, enterprise } = grant.workspace;
          return {
            ok: true,
            url: `https://${team.toLowerCase()}.slack.test/`,
            team: `Team ${team}`,
            user: 'vigie',
            team_id: team,
            user_id: grant.botUser,
            bot_id: `B${grant.botUser}`,
            ...(enterprise !== undefined ? { enterprise_id: enterprise, is_enterprise_install: grant.workspace.orgWide === true } : {}),
          };
        }
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'vigie', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      }
      case 'chat.postMessage': {
        const seconds = this.clock === undefined ? 1764234000 : Math.floor(this.clock() / 1000);
        const ts = `${seconds}.${String(this.seq).padStart(6, '0')}`;
        const channel = String(args.channel);
        if (args.thread_ts === undefined || args.reply_broadcast === 'true') {
          const list = this.history.get(channel) ?? [];
          list.push({
            ts,
            text: args.text,
            ...(args.metadata !== undefined ? { metadata: args.metadata as ChannelMessage['metadata'] } : {}),
            ...(args.thread_ts !== undefined ? { threadTs: String(args.thread_ts) } : {}),
          });
          this.history.set(channel, list);
        }
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text, thread_ts: args.thread_ts } };
      }
      case 'conversations.history':
        return this.channelHistory(args);
      case 'conversations.open': {
        // A direct message with one user: its channel id is stable per user, as in Slack.
        const users = String(args.users ?? '');
        return users === '' || users.includes(',') ? { ok: false, error: 'users_list_not_supplied' } : { ok: true, channel: { id: `D${users}` } };
      }
      case 'chat.update': {
        const message = this.history.get(String(args.channel))?.find((m) => m.ts === args.ts);
        if (message !== undefined) {
          message.text = args.text;
          if (args.metadata !== undefined) message.metadata = args.metadata as ChannelMessage['metadata'];
        }
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
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
