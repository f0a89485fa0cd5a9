import { freePort } from '../../support/wait.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { type SlackAdapter, startSlack } from '../../../src/platforms/slack/index.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { tempStore, testSettings } from './harness.js';
import { RecordingCommands } from './recording-commands.js';
import { postSigned, slashBody } from './wire.js';

describe('HTTP mode without a shared express app', () => {
  const commands = new RecordingCommands();
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let port: number;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    const temp = await tempStore();
    cleanup = temp.cleanup;
    port = await freePort();
    adapter = await startSlack({ settings: testSettings(fake), port, commands, store: temp.store, logger: silentLogger, locale: () => 'fr' });
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
    await cleanup();
  });

  it('serves /slack/events on its own port, in the workspace’s language', async () => {
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, slashBody('help', fake.responseUrl('o1')));
    expect(res.status).toBe(200);
    expect(commands.runs.at(-1)?.ctx.locale).toBe('fr');
  });

  it('checked the bot token at start', () => {
    expect(fake.callsOf('auth.test')[0]?.authorization).toBe('Bearer xoxb-test-token');
  });

  it('refuses to start with a token Slack rejects, saying what to do', async () => {
    const temp = await tempStore();
    fake.fail('auth.test', { error: 'invalid_auth' });
    await expect(
      startSlack({ settings: testSettings(fake), port: await freePort(), commands, store: temp.store, logger: silentLogger, locale: () => 'en' }),
    ).rejects.toMatchObject({ code: 'slack_invalid_auth', message: expect.stringContaining('SLACK_BOT_TOKEN') });
    await temp.cleanup();
  });

  it('starts while Slack is unreachable, and serves commands once it answers again', async () => {
    const temp = await tempStore();
    const port2 = await freePort();
    fake.fail('auth.test', { status: 503 }, 3);
    const late = await startSlack({
      settings: testSettings(fake),
      port: port2,
      commands,
      store: temp.store,
      logger: silentLogger,
      locale: () => 'en',
    });
    try {
      const before = commands.runs.length;
      const res = await postSigned(`http://127.0.0.1:${port2}/slack/events`, slashBody('list', fake.responseUrl('o2')));
      expect(res.status).toBe(200);
      expect(commands.runs.length).toBe(before + 1);
    } finally {
      await late.stop();
      await temp.cleanup();
    }
  });
});
