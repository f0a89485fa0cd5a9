import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit' | 'identity' | 'account';
  commit?: {
    rev: string;
    operation: 'create' | 'update' | 'delete';
    collection: string;
    rkey: string;
    record?: Record<string, unknown>;
    cid?: string;
  };
}

/** A post-creation commit event in Jetstream's JSON shape. */
export function postEvent(timeUs: number, did: string, rkey: string, text: string, lang = 'en'): JetstreamEvent {
  return {
    did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3l${rkey}rev`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      record: { $type: 'app.bsky.feed.post', createdAt: new Date(timeUs / 1000).toISOString(), langs: [lang], text },
      cid: `bafyrei${rkey}`,
    },
  };
}

export interface FakeJetstream {
  url: string;
  /** Cursor asked for by each connection, in order (undefined: live). */
  connections: Array<number | undefined>;
  /** Append an event to the log and send it to the connected clients that asked for posts. */
  publish(event: JetstreamEvent): void;
  /** Cut every connection abruptly, as a network drop does. */
  drop(): void;
  /** Resolves when `count` connections have been made. */
  connected(count: number): Promise<void>;
  /** Connections open right now. */
  open(): number;
  /** Answer the next upgrades with this HTTP status instead of a WebSocket (a service refusing us); undefined accepts again. */
  refuse(status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * Stand-in for a Jetstream instance: `/subscribe?wantedCollections=…&cursor=<time_us>` replays the logged events
 * from the cursor (inclusive), then streams live ones; without a cursor, live only.
 */
export async function startFakeJetstream(): Promise<FakeJetstream> {
  let refusing: number | undefined;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => (refusing === undefined ? done(true) : done(false, refusing, refusing === 403 ? 'Forbidden' : 'Refused')),
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const log: JetstreamEvent[] = [];
  const clients = new Set<{ ws: WebSocket; wanted: string[] }>();
  const connections: Array<number | undefined> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const send = (client: { ws: WebSocket; wanted: string[] }, event: JetstreamEvent) => {
    if (event.commit && client.wanted.length > 0 && !client.wanted.includes(event.commit.collection)) return;
    client.ws.send(JSON.stringify(event));
  };
  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== '/subscribe') return ws.close(1008, 'unknown path');
    const cursor = url.searchParams.get('cursor');
    const client = { ws, wanted: url.searchParams.getAll('wantedCollections') };
    connections.push(cursor === null ? undefined : Number(cursor));
    if (cursor !== null) for (const event of log) if (event.time_us >= Number(cursor)) send(client, event);
    clients.add(client);
    ws.on('close', () => clients.delete(client));
    for (const w of waiters.filter((w) => connections.length >= w.count)) w.resolve();
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    connections,
    publish(event) {
      log.push(event);
      for (const client of clients) send(client, event);
    },
    drop() {
      for (const client of clients) client.ws.terminate();
      clients.clear();
    },
    open: () => clients.size,
    refuse(status) {
      refusing = status;
    },
    connected: (count) => (connections.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
