import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Serves the real recorded payloads of test/fixtures/real byte for byte on 127.0.0.1, with the content type
 * their provenance entry records, so that sources are tested against what platforms and publishers really send.
 */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

const ProvenanceSchema = z.object({
  fixtures: z.array(
    z.object({
      file: z.string(),
      kind: z.string(),
      source: z.object({ repository: z.string(), commit: z.string().regex(/^[0-9a-f]{40}$/), path: z.string() }),
      extraction: z.string(),
      repositoryLicence: z.string(),
      contentTerms: z.string(),
      recorded: z.string(),
      servedAs: z.object({ contentType: z.string() }),
      bytes: z.number(),
      notes: z.string().optional(),
      request: z.string().optional(),
    }),
  ),
});
export type FixtureEntry = z.infer<typeof ProvenanceSchema>['fixtures'][number];

export function provenance(): FixtureEntry[] {
  return ProvenanceSchema.parse(JSON.parse(readFileSync(`${FIXTURES_DIR}provenance.json`, 'utf8'))).fixtures;
}

/** The bytes of a fixture, e.g. `fixtureBytes('rss2/uol-noticias.rss')`. */
export function fixtureBytes(file: string): Buffer {
  return readFileSync(`${FIXTURES_DIR}${file}`);
}

export interface Route {
  /** A fixture file, relative to test/fixtures/real. */
  fixture?: string;
  /** Bytes to serve instead of a fixture (a stand-in for plumbing around the payload under test, e.g. a login). */
  body?: string;
  status?: number;
  /** Overrides the content type recorded in the provenance file. */
  contentType?: string;
  /** Serve only the first N bytes, as a server that stops mid-document (Content-Length says N). */
  cutAt?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface FixtureServer {
  url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Routes are keyed by path (the query is ignored for matching and recorded for assertions). */
export async function startFixtureServer(routes: Record<string, Route | string>): Promise<FixtureServer> {
  const types = new Map(provenance().map((entry) => [entry.file, entry.servedAs.contentType]));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers });
    const found = routes[url.pathname];
    const route: Route | undefined = typeof found === 'string' ? { fixture: found } : found;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no fixture for ${url.pathname}`);
      return;
    }
    const full = route.fixture ? fixtureBytes(route.fixture) : Buffer.from(route.body ?? '', 'utf8');
    const bytes = route.cutAt !== undefined ? full.subarray(0, route.cutAt) : full;
    const type = route.contentType ?? (route.fixture ? types.get(route.fixture) : undefined) ?? 'application/octet-stream';
    res.writeHead(route.status ?? 200, { 'content-type': type, 'content-length': String(bytes.length) });
    res.end(bytes);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
