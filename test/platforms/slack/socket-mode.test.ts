import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import type { Store } from '../../../src/store/store.js';
import { alertView } from './fixtures.js';
import { RecordingCommands } from './recording-commands.js';
import { buttonPayload, slashForm } from './wire.js';

describe('Socket Mode', () => {
  const commands = new RecordingCommands();
  let fake: FakeSlack;
  let harness: Harness;
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    harness = await startHarness({ commands, store, fake, settings: { appToken: 'xapp-test-token' } });
  });
  afterAll(async () => {
    await harness.close();
    await fake.close();
    await cleanup();
  });

  it('connects with the app-level token through the configured API URL', async () => {
    expect(harness.adapter.mode).toBe('socket');
    const open = await fake.waitFor('apps.connections.open');
    expect(open.authorization).toBe('Bearer xapp-test-token');
  });

  it('runs the same slash command and acks it over the socket with the reply', async () => {
    const ack = await fake.sendEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: slashForm('help', fake.responseUrl('s1')),
    });
    expect(ack).toEqual({ response_type: 'ephemeral', text: t('en', 'cmd.summary.source', { kinds: 'rss, x' }) });
    expect(commands.runs.at(-1)?.ctx.scope).toEqual({ platform: 'slack', workspace: 'T1' });
  });

  it('routes a button click over the socket too', async () => {
    const ack = await fake.sendEnvelope({
      envelope_id: 'env-2',
      type: 'interactive',
      accepts_response_payload: false,
      payload: buttonPayload('mute', 'inc-9', fake.responseUrl('s2')),
    });
    expect(ack).toEqual({});
    const answer = await fake.waitForResponse((p) => p.id === 's2');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(commands.actions.at(-1)).toMatchObject({ incidentId: 'inc-9', action: 'mute' });
  });

  it('keeps the explicit retry policy (Socket Mode would otherwise set 100 retries)', async () => {
    const destination = { platform: 'slack', workspace: 'T1', channel: 'C1' } as const;
    const view = alertView({ incidentId: 'inc-socket' });
    const thread = await harness.adapter.notifier.deliver({ kind: 'open', view }, destination, undefined);
    fake.fail('chat.postMessage', { status: 500 }, 10);
    const started = fake.callsOf('chat.postMessage').length;
    await expect(
      harness.adapter.notifier.deliver({ kind: 'update', view, previous: { stage: 2, severity: 50, negative: 30 } }, destination, thread),
    ).rejects.toMatchObject({ code: 'unavailable' });
    // retries: 2 in the test settings ⇒ three attempts of a reply, not a hundred.
    expect(fake.callsOf('chat.postMessage').length - started).toBe(3);
  });

  it('forgets a workspace that uninstalls the app', async () => {
    await store.installations.save('slack', 'T9', { team: 'T9' });
    expect(await store.installations.get('slack', 'T9')).toBeDefined();
    const event = {
      type: 'event_callback',
      team_id: 'T9',
      api_app_id: 'A1',
      event_id: 'Ev1',
      event_time: 1764234000,
      event: { type: 'app_uninstalled' },
    };
    await fake.sendEnvelope({ envelope_id: 'env-3', type: 'events_api', accepts_response_payload: false, payload: event });
    await expect.poll(() => store.installations.get('slack', 'T9')).toBeUndefined();
  });
});
