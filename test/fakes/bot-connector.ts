import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework Connector (the REST service Teams bots post to), on 127.0.0.1 with an
 * ephemeral port, speaking its wire format: conversation ids arrive URL-encoded in paths, bodies are Activity JSON,
 * answers are ResourceResponse JSON. Records every call; 429s with Retry-After can be programmed.
 */
export interface ConnectorCall {
  method: string;
  /** Decoded path, e.g. `/v3/conversations/19:c@thread.tacv2;messageid=1/activities`. */
  path: string;
  /** What the call did, from the route it matched. */
  op: 'createConversation' | 'sendToConversation' | 'replyToActivity' | 'updateActivity' | 'getMember' | 'unknown';
  conversationId?: string;
  activityId?: string;
  body: any;
  authorization?: string;
  /** When the request arrived (before its body was read). */
  at: number;
}

export interface FakeBotConnector {
  /** Base URL with a trailing slash: the `serviceUrl` of activities sent to the bot. */
  url: string;
  calls: ConnectorCall[];
  /** Answer the next `count` calls matching `op` with 429 and this Retry-After (seconds). */
  throttle(op: ConnectorCall['op'], count: number, retryAfterSeconds: number): void;
  /** Answer the next `count` calls matching `op` with this HTTP status. */
  fail(op: ConnectorCall['op'], count: number, status: number): void;
  /** Users the members endpoint knows. */
  members: Map<string, { id: string; name: string }>;
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

const ROUTES: Array<{ method: string; pattern: RegExp; op: ConnectorCall['op'] }> = [
  { method: 'POST', pattern: /^\/v3\/conversations$/, op: 'createConversation' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities$/, op: 'sendToConversation' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, op: 'replyToActivity' },
  { method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, op: 'updateActivity' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/, op: 'getMember' },
];

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const faults: Array<{ op: ConnectorCall['op']; remaining: number; status: number; retryAfter?: number }> = [];
  const members = new Map<string, { id: string; name: string }>();
  const waiters: Array<{ predicate: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }> = [];
  let nextId = 1000;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    const match = route?.pattern.exec(url.pathname);
    // The SDK URL-encodes conversation ids (`19%3A…%3Bmessageid%3D…`) in paths.
    const conversationId = match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
    const activityId = match?.[2] !== undefined ? decodeURIComponent(match[2]) : undefined;
    const call: ConnectorCall = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      op: route?.op ?? 'unknown',
      body: await readBody(req),
      at,
      ...(conversationId !== undefined ? { conversationId } : {}),
      ...(activityId !== undefined ? { activityId } : {}),
      ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
    };
    calls.push(call);

    const fault = faults.find((f) => f.op === call.op && f.remaining > 0);
    if (fault !== undefined) {
      fault.remaining -= 1;
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      json(res, fault.status, { error: { code: fault.status === 429 ? 'TooManyRequests' : 'Failure', message: 'fake connector fault' } }, headers);
    } else {
      switch (call.op) {
        case 'createConversation': {
          const channel = call.body?.channelData?.channel?.id ?? `a:chat-${nextId}`;
          const root = String(nextId++);
          // Teams answers a new channel post with the thread's conversation id; botbuilder then drops `activityId`.
          json(res, 201, { id: `${channel};messageid=${root}`, activityId: root, serviceUrl: '' });
          break;
        }
        case 'sendToConversation':
        case 'replyToActivity':
          json(res, 201, { id: String(nextId++) });
          break;
        case 'updateActivity':
          json(res, 200, { id: activityId });
          break;
        case 'getMember': {
          const member = members.get(activityId ?? '');
          if (member === undefined) json(res, 404, { error: { code: 'NotFound', message: 'member not found' } });
          else json(res, 200, { ...member, objectId: member.id });
          break;
        }
        default:
          json(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
      }
    }
    for (const waiter of [...waiters]) {
      if (waiter.predicate(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    members,
    throttle(op, count, retryAfterSeconds) {
      faults.push({ op, remaining: count, status: 429, retryAfter: retryAfterSeconds });
    },
    fail(op, count, status) {
      faults.push({ op, remaining: count, status });
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const done = calls.find(predicate);
      if (done !== undefined) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (c: ConnectorCall) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(`fake Bot Connector: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
