import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { t } from '../src/i18n/catalog.js';
import { createLogger } from '../src/log.js';
import { createHttpApp, handleHttpErrors, listen } from '../src/server.js';
import { testVigie } from './support/vigie.js';

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
    // A JSON route like the platforms' (Teams' endpoint parses with a 1 MB limit), then the error handler.
    app.post('/json', express.json({ limit: '1kb' }), (req, res) => res.json({ got: req.body as unknown }));
    handleHttpErrors(app, createLogger({ level: 'debug', stream: logs }), 'en');
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

  it('answers malformed and oversized bodies with a JSON error and a code, no stack, and logs them with context', async () => {
    const { url, lines } = await start(true);
    const bad = await fetch(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    const badBody = await bad.text();
    expect(JSON.parse(badBody)).toEqual({
      error: { code: 'bad_json', message: t('en', 'security.http.badJson'), requestId: bad.headers.get('x-request-id') },
    });
    expect(badBody).not.toMatch(/SyntaxError|node_modules|\bat \w/);
    const big = await fetch(`${url}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(4096) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'http request refused',
        code: 'bad_json',
        status: 400,
        path: '/json',
        requestId: bad.headers.get('x-request-id'),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'http request refused', code: 'body_too_large', status: 413 }));
  });
});

describe('the running bot’s HTTP errors', () => {
  it('answers a malformed Teams activity with a JSON error, not Express’s stack page', async () => {
    const bot = await testVigie({ TEAMS_ENABLED: 'true' });
    try {
      await bot.vigie.start();
      const res = await fetch(`http://127.0.0.1:${bot.vigie.port()}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type": "message", "text": ',
      });
      expect(res.status).toBe(400);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'bad_json' } });
      expect(body).not.toMatch(/SyntaxError|node_modules|<pre>/);
    } finally {
      await bot.close();
    }
  });
});
