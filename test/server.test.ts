import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { createHttpApp, listen } from '../src/server.js';

describe('HTTP server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const start = async (storeUp: boolean) => {
    const logs = new PassThrough();
    const lines: Array<Record<string, unknown>> = [];
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    });
    const app = createHttpApp(
      {
        store: async () => {
          if (!storeUp) throw new Error('database is down');
        },
        schedulerRunning: () => true,
      },
      createLogger({ level: 'debug', stream: logs }),
    );
    server = await listen(app, 0, '127.0.0.1');
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines };
  };

  it('answers readiness, and gives each request an id that its log line carries', async () => {
    const { url, lines } = await start(true);
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { store: 'ok', scheduler: 'ok' } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'http request', requestId: id, path: '/readyz', status: 200 }));
  });

  it('keeps a caller’s plausible request id and replaces an implausible one', async () => {
    const { url } = await start(false);
    const kept = await fetch(`${url}/readyz`, { headers: { 'x-request-id': 'proxy-7f3a.1' } });
    expect(kept.status).toBe(503);
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a.1');
    const replaced = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'a b <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
