import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVigie, type Vigie } from '../../src/app/vigie.js';
import { chatDetail } from '../../src/app/source-error-text.js';
import { loadConfig } from '../../src/config.js';
import type { CommandContext } from '../../src/core/commands/types.js';
import { t } from '../../src/i18n/catalog.js';
import { replyText } from '../../src/platforms/reply-text.js';

const BEARER = 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';
const SESSION = 'sess_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A careless API: its error page echoes the request's headers back, and a session it keeps. */
function echoingServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(
      `Internal error. headers: ${JSON.stringify(req.headers)}\nsession_token=${SESSION}\nwhile handling ${req.url}\n${'trace line\n'.repeat(400)}`,
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('upstream error bodies stay out of chat', () => {
  let server: Server;
  let dir: string;
  let vigie: Vigie;
  const logs: Array<Record<string, unknown>> = [];
  const ctx: CommandContext = { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C1', user: 'U1', locale: 'en' };

  beforeAll(async () => {
    server = await echoingServer();
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-upstream-'));
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    vigie = await createVigie({
      config: loadConfig({
        VIGIE_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        VIGIE_ALLOW_PRIVATE_URLS: 'true',
        X_BEARER_TOKEN: BEARER,
        VIGIE_X_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      }),
      stdout: new PassThrough(),
      logStream,
    });
    await vigie.commands.run('watch acme Acme', ctx);
    const plan = await vigie.store.plans.get(ctx.scope, 'acme');
    if (plan === undefined) throw new Error('the plan was not created');
    await vigie.store.plans.save({ ...plan, sources: [{ kind: 'x' }] });
  });
  afterAll(async () => {
    await vigie.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  const reason = t('en', 'security.upstream.http', { status: 500, reason: { key: 'security.upstream.serverError' } });

  it('`test` shows the HTTP status and a catalogue reason, and the log keeps a redacted, truncated excerpt', async () => {
    const text = replyText(await vigie.commands.run('test acme', ctx), 'en');
    expect(text).toContain(t('en', 'src.error.http_status', { detail: reason }));
    for (const secret of [BEARER, 'Bearer', SESSION, 'headers', 'authorization', 'trace line']) expect(text).not.toContain(secret);
    const logged = logs.find((l) => l.msg === 'test poll failed');
    expect(logged).toMatchObject({ code: 'http_status', status: 500 });
    const upstream = String(logged?.upstream);
    expect(upstream).toContain('Internal error. headers:');
    expect(upstream).toContain('[redacted]');
    expect(upstream).not.toContain(BEARER);
    expect(upstream).not.toContain(SESSION);
    expect(upstream.length).toBeLessThanOrEqual(301);
  });

  it('`status` after a failed poll shows the same, and the poll’s log line holds the redacted body', async () => {
    const jobs = await vigie.pipeline.dueJobs(Date.now());
    expect(jobs).toHaveLength(1);
    await vigie.pipeline.poll(jobs[0]!);
    const text = replyText(await vigie.commands.run('status', ctx), 'en');
    expect(text).toContain(reason);
    for (const secret of [BEARER, SESSION, 'authorization', 'trace line']) expect(text).not.toContain(secret);
    const stored = await vigie.store.sources.listForPlan((await vigie.store.plans.get(ctx.scope, 'acme'))!.id);
    expect(JSON.stringify(stored)).not.toContain(SESSION);
    const polled = logs.find((l) => l.msg === 'poll failed');
    expect(polled).toMatchObject({ code: 'http_status', status: 500 });
    expect(String(polled?.upstream)).not.toContain(BEARER);
  });

  it('hides token-like strings and bounds any other detail shown in chat', () => {
    const detail = chatDetail(`parser said: Authorization: Bearer ${BEARER} near xoxb-1234-5678-abcdefgh ${'x'.repeat(500)}`);
    expect(detail).not.toContain(BEARER);
    expect(detail).not.toContain('xoxb-1234');
    expect(detail.length).toBeLessThanOrEqual(201);
  });
});
