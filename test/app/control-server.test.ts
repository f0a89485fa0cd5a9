import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_FILE, ControlReplySchema, readControlFile } from '../../src/app/control-file.js';
import { startControlServer } from '../../src/app/control-server.js';
import { silentLogger } from '../../src/log.js';
import { type TestVigie, testVigie } from '../support/vigie.js';

describe('the control endpoint of a running bot', () => {
  let bot: TestVigie;
  let control: { port: number; close(): Promise<void> };
  let secret: string;

  beforeEach(async () => {
    bot = await testVigie();
    control = await startControlServer({
      dataDir: bot.dataDir,
      store: bot.vigie.store,
      commands: bot.vigie.commands,
      localContext: bot.vigie.localContext,
      logger: silentLogger,
    });
    secret = (await readControlFile(bot.dataDir))!.secret;
  });
  afterEach(async () => {
    await control.close();
    await bot.close();
  });

  const call = (where: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${control.port}${where}`, init);
  const json = (body: unknown, key = secret): RequestInit => ({
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('writes its port and a per-run secret in a 0600 file of the data folder, removed when it closes', async () => {
    const file = path.join(bot.dataDir, CONTROL_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readControlFile(bot.dataDir)).toMatchObject({ pid: process.pid, port: control.port });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await control.close();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a caller without the secret, or with another, and writes nothing', async () => {
    const command = { text: 'watch acme Acme', user: 'mallory', locale: 'en' };
    expect((await call('/command', { ...json(command), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await call('/command', json(command, 'f'.repeat(64)))).status).toBe(401);
    expect((await call('/export', { headers: { authorization: 'Bearer x' } })).status).toBe(401);
    expect(await bot.vigie.store.plans.listActive()).toEqual([]);
  });

  it('carries out a command and answers with the reply as data', async () => {
    const answer = await call('/command', json({ text: 'watch acme Acme', user: 'amina', locale: 'fr' }));
    expect(answer.status).toBe(200);
    const { reply } = (await answer.json()) as { reply: { ok: boolean; lines: Array<{ key: string }> } };
    expect(reply.ok).toBe(true);
    expect(reply.lines[0]?.key).toBe('cmd.watch.created');
    const plans = await bot.vigie.store.plans.listActive();
    expect(plans.map((p) => [p.name, p.created.by, p.locale])).toEqual([['acme', 'amina', 'fr']]);
  });

  it('carries the language of the plan a reply is about, for the terminal that asked', async () => {
    await call('/command', json({ text: 'watch acme Acme', user: 'amina', locale: 'en' }));
    await call('/command', json({ text: 'set acme locale fr', user: 'amina', locale: 'en' }));
    const answer = await call('/command', json({ text: 'show acme', user: 'amina', locale: 'en' }));
    const parsed = ControlReplySchema.parse(await answer.json());
    expect(parsed.reply.locale).toBe('fr');
  });

  it('answers bad requests with a code, not a crash', async () => {
    expect((await call('/command', json('{"text":'))).status).toBe(400);
    expect((await call('/command', json({ text: '', user: 'amina', locale: 'en' }))).status).toBe(400);
    expect((await call('/nowhere', json({}))).status).toBe(404);
    const notADump = await call('/import', json({ schemaVersion: 1, plans: 'x' }));
    expect(notADump.status).toBe(409);
    expect(await notADump.json()).toMatchObject({ code: 'invalid_data' });
  });
});
