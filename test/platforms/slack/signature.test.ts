import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';
import { postSigned, slashBody } from './wire.js';

describe('request signatures (HTTP mode)', () => {
  const commands = new RecordingCommands();
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await startHarness({
      commands,
      store: temp.store,
      settings: { ackBudgetMs: 300 },
      // Teams' endpoint on the same port, with its JSON body parser on its own route only.
      share: (app) => app.post('/api/messages', express.json(), (req, res) => res.json({ echoed: req.body as unknown })),
    });
  });
  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it('answers a correctly signed slash command in the acknowledgement', async () => {
    const res = await postSigned(harness.events, slashBody('help', harness.fake.responseUrl('r1')));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body).toEqual({ response_type: 'ephemeral', text: t('en', 'cmd.summary.source', { kinds: 'rss, x' }) });
    expect(commands.runs.at(-1)).toEqual({
      text: 'help',
      ctx: { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C1', user: 'U1', locale: 'en' },
    });
  });

  it('rejects a forged signature with 401 and runs nothing', async () => {
    const before = commands.runs.length;
    const res = await postSigned(harness.events, slashBody('remove acme', harness.fake.responseUrl('r2')), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(commands.runs.length).toBe(before);
  });

  it('rejects a replayed request older than five minutes with 401 and runs nothing', async () => {
    const before = commands.runs.length;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(harness.events, slashBody('remove acme', harness.fake.responseUrl('r3')), { ts: stale });
    expect(res.status).toBe(401);
    expect(commands.runs.length).toBe(before);
  });

  it('rejects an unsigned request with 401', async () => {
    const raw = slashBody('list', harness.fake.responseUrl('r4'));
    const res = await fetch(harness.events, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: raw });
    expect(res.status).toBe(401);
  });

  it('acknowledges within the budget when a command runs late, and answers through response_url', async () => {
    commands.delayMs = 800;
    try {
      const started = Date.now();
      const res = await postSigned(harness.events, slashBody('list', harness.fake.responseUrl('late')));
      const body = (await res.json()) as { text: string };
      expect(Date.now() - started).toBeLessThan(800);
      expect(body.text).toBe(t('en', 'slack.reply.working'));
      const later = await harness.fake.waitForResponse((p) => p.id === 'late');
      expect(later.body).toMatchObject({ response_type: 'ephemeral', text: t('en', 'cmd.summary.source', { kinds: 'rss, x' }) });
    } finally {
      commands.delayMs = 0;
    }
  });

  it('shares its port with another platform’s JSON endpoint', async () => {
    const teams = await fetch(harness.events.replace('/slack/events', '/api/messages'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    expect(await teams.json()).toEqual({ echoed: { type: 'message', text: 'hi' } });
    const slack = await postSigned(harness.events, slashBody('help', harness.fake.responseUrl('r5')));
    expect(slack.status).toBe(200);
  });
});
