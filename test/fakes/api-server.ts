import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, for assertions on what the source sent. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (XML, broken JSON…); anything else as JSON. */
  body?: unknown;
}

export interface ApiServer {
  url: string;
  requests: FakeRequest[];
  /** The next matching request gets this reply instead of the normal one (429, 401, a malformed body…). */
  interceptNext(reply: FakeReply, pathPrefix?: string): void;
  close(): Promise<void>;
}

/** A loopback HTTP server speaking a platform's wire format through `handler`. */
export async function startApiServer(handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<ApiServer> {
  const requests: FakeRequest[] = [];
  const intercepts: Array<{ reply: FakeReply; pathPrefix: string }> = [];
  const send = (res: ServerResponse, reply: FakeReply): void => {
    const isText = typeof reply.body === 'string';
    const body = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fake: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(fake);
      const index = intercepts.findIndex((i) => fake.path.startsWith(i.pathPrefix));
      if (index >= 0) {
        const [intercept] = intercepts.splice(index, 1);
        if (intercept) return send(res, intercept.reply);
      }
      Promise.resolve(handler(fake)).then(
        (reply) => send(res, reply),
        (error: unknown) => send(res, { status: 500, body: String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    interceptNext(reply, pathPrefix = '/') {
      intercepts.push({ reply, pathPrefix });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
