import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../../src/core/plan.js';
import type { ThreadHandle } from '../../../src/platforms/notifier.js';
import type { Store } from '../../../src/store/store.js';
import { alertView } from './fixtures.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';

const DEST: Destination = { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' };
const MIN = 60_000;

describe('Slack: a competitor’s crisis and reminders', () => {
  let harness: Harness;
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    harness = await startHarness({ commands: new RecordingCommands(), store });
  });
  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it('posts a competitor’s crisis once, as a message of its own worded as context', async () => {
    const { fake, adapter } = harness;
    const view = alertView({ incidentId: 'rival-1' });
    const before = fake.callsOf('chat.postMessage').length;
    const handle = await adapter.notifier.deliver({ kind: 'competitor', view, competitor: 'Globex <b>' }, DEST, undefined);
    // Delivered again after a lost confirmation: not posted twice.
    expect(await adapter.notifier.deliver({ kind: 'competitor', view, competitor: 'Globex <b>' }, DEST, undefined)).toEqual(handle);
    const posts = fake.callsOf('chat.postMessage').slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe('C0ALERTS');
    expect(posts[0]!.args.thread_ts).toBeUndefined();
    const text = JSON.stringify(posts[0]!.args.blocks);
    expect(text).toContain('Globex &lt;b&gt;, a competitor you watch, has its own incident');
    expect(text).toContain("A competitor's incident may spill over");
    expect(text).not.toMatch(/opportunit/i);
    expect((await store.threads.get('rival-1', 'slack'))?.ref).toEqual(handle);
  });

  it('reminds in the alert’s thread with the escalation list, then opens a direct message with each contact', async () => {
    const { fake, adapter } = harness;
    const view = alertView({ incidentId: 'inc-remind', escalation: ['U0ESC1', 'U0ESC2', 'not-an-id'] }, 'fr');
    const handle = (await adapter.notifier.deliver({ kind: 'open', view }, DEST, undefined)) as ThreadHandle;
    const start = fake.calls.length;
    await adapter.notifier.deliver({ kind: 'remind', view, afterMs: 15 * MIN }, DEST, handle);
    for (const user of ['U0ESC1', 'U0ESC2']) await adapter.notifier.deliver({ kind: 'remind_dm', view, afterMs: 30 * MIN, user }, DEST, handle);
    const calls = fake.calls.slice(start);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'conversations.open',
      'chat.postMessage',
      'conversations.open',
      'chat.postMessage',
    ]);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0ALERTS', thread_ts: handle.ts, reply_broadcast: 'true' });
    expect(String(calls[0]!.args.text)).toContain('<@U0ESC1> <@U0ESC2>');
    expect(String(calls[0]!.args.text)).toContain('attend une prise en charge depuis 15 min');
    expect(String(calls[0]!.args.text)).not.toContain('not-an-id');
    expect(calls[1]!.args).toMatchObject({ users: 'U0ESC1' });
    expect(calls[2]!.args).toMatchObject({ channel: 'DU0ESC1' });
    expect(calls[2]!.args.thread_ts).toBeUndefined();
    expect(String(calls[2]!.args.text)).toContain('depuis 30 min');
    expect(calls[4]!.args).toMatchObject({ channel: 'DU0ESC2' });
  });

  it('refuses a direct message to something that is not a Slack user id, without calling Slack', async () => {
    const { fake, adapter } = harness;
    const view = alertView({ incidentId: 'inc-remind' });
    const before = fake.calls.length;
    await expect(adapter.notifier.deliver({ kind: 'remind_dm', view, afterMs: MIN, user: '<!channel>' }, DEST, undefined)).rejects.toThrow(
      /not a Slack user id/,
    );
    expect(fake.calls.length).toBe(before);
  });
});
