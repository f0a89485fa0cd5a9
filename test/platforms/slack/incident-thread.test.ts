import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src/core/alert-view.js';
import type { Destination } from '../../../src/core/plan.js';
import { NotifierError, type ThreadHandle } from '../../../src/platforms/notifier.js';
import { renderEscalation, renderParent, renderResolution, renderSuggestions, renderUpdate } from '../../../src/platforms/slack/render.js';
import type { Store } from '../../../src/store/store.js';
import { chartView } from '../../chart/fixture.js';
import { T0, alertView, suggestion } from './fixtures.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';

const DEST: Destination = { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' };
const HOUR = 3_600_000;

describe('an incident thread, first alert to resolution', () => {
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

  it('posts one parent, then everything in its thread, and updates the parent in place', async () => {
    const { fake, adapter } = harness;
    const notifier = adapter.notifier;
    const start = fake.calls.length;
    const view = alertView();

    const handle = (await notifier.deliver({ kind: 'open', view }, DEST, undefined)) as ThreadHandle;
    const parent = fake.callsOf('chat.postMessage').at(-1)!;
    expect(handle).toEqual({ channel: 'C0ALERTS', ts: parent.response?.ts });
    expect(parent.args).toMatchObject({ channel: 'C0ALERTS', text: renderParent(view).text, blocks: renderParent(view).blocks });
    expect(parent.args.thread_ts).toBeUndefined();
    expect((await store.threads.get('inc-1', 'slack'))?.ref).toEqual(handle);

    await notifier.deliver({ kind: 'suggestions', view, suggestion: suggestion() }, DEST, handle);
    const chart = chartView('en', 'Negative and total mentions: Acme Air');
    await notifier.deliver({ kind: 'chart', view, chart }, DEST, handle);
    const grown: AlertView = { ...view, stage: 4, counts: { ...view.counts, negative: 80 } };
    await notifier.deliver({ kind: 'update', view: grown, previous: { stage: 3, severity: 72, negative: 57 } }, DEST, handle);
    const acked: AlertView = { ...grown, state: { acknowledged: { by: 'U0ACK', at: T0 + HOUR } } };
    await notifier.deliver({ kind: 'state', view: acked }, DEST, handle);
    await notifier.deliver({ kind: 'escalate', view: acked, by: 'U0ACK' }, DEST, handle);
    const resolved: AlertView = { ...acked, status: 'resolved', resolvedAt: T0 + 4 * HOUR };
    await notifier.deliver({ kind: 'resolve', view: resolved }, DEST, handle);

    const calls = fake.calls.slice(start);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage', // parent
      'chat.postMessage', // suggested response
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'chat.postMessage', // update
      'chat.update', // acknowledged
      'chat.postMessage', // escalation
      'chat.update', // resolved parent
      'chat.postMessage', // resolution
    ]);
    for (const call of calls) expect(call.authorization).toBe('Bearer xoxb-test-token');

    const replies = calls.filter((c) => c.method === 'chat.postMessage').slice(1);
    for (const reply of replies) expect(reply.args).toMatchObject({ channel: 'C0ALERTS', thread_ts: handle.ts });
    expect(replies[0]!.args.blocks).toEqual(renderSuggestions(view, suggestion()).blocks);
    expect(replies[1]!.args.blocks).toEqual(renderUpdate(grown, { stage: 3, severity: 72, negative: 57 }).blocks);
    expect(replies[2]!.args).toMatchObject({ reply_broadcast: 'true', blocks: renderEscalation(acked, 'U0ACK').blocks });
    expect(JSON.stringify(replies[2]!.args.blocks)).toContain('<@U0ESC1> <@U0ESC2>');
    expect(replies[3]!.args).toMatchObject({ reply_broadcast: 'false', blocks: renderResolution(resolved).blocks });

    const updates = calls.filter((c) => c.method === 'chat.update');
    for (const update of updates) expect(update.args).toMatchObject({ channel: 'C0ALERTS', ts: handle.ts });
    expect(updates[0]!.args.blocks).toEqual(renderParent(acked).blocks);
    expect(JSON.stringify(updates[0]!.args.blocks)).toContain('Acknowledged by <@U0ACK>');
    expect((updates[1]!.args.blocks as Array<{ type: string }>).some((b) => b.type === 'actions')).toBe(false);

    const getUrl = calls.find((c) => c.method === 'files.getUploadURLExternal')!;
    const upload = fake.uploads.at(-1)!;
    expect(getUrl.args.filename).toBe('vigie-inc-1.png');
    expect(Number(getUrl.args.length)).toBeGreaterThan(1000);
    expect(upload.contentType).toMatch(/^multipart\/form-data/);
    expect(upload.body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(true);
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({ channel_id: 'C0ALERTS', thread_ts: handle.ts, files: [{ id: upload.fileId, title: chart.title }] });
  });

  it('waits out a 429 with its Retry-After and posts once', async () => {
    const { fake, adapter } = harness;
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const before = fake.callsOf('chat.postMessage').length;
    const handle = await adapter.notifier.deliver({ kind: 'open', view: alertView({ incidentId: 'inc-429' }) }, DEST, undefined);
    const calls = fake.callsOf('chat.postMessage').slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(handle).toMatchObject({ channel: 'C0ALERTS' });
    expect(harness.logs.lines.some((l) => l.msg === 'slack rate limit' && l.retryAfterMs === 1000)).toBe(true);
  });

  it('hands a long Retry-After back to the outbox as rate_limited with its delay', async () => {
    const { fake, adapter } = harness;
    fake.fail('chat.postMessage', { status: 429, retryAfter: 60 });
    const before = fake.callsOf('chat.postMessage').length;
    const error = await adapter.notifier
      .deliver({ kind: 'open', view: alertView({ incidentId: 'inc-429-long' }) }, { ...DEST, channel: 'C0OTHER' }, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifierError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000, temporary: true });
    expect(fake.callsOf('chat.postMessage').length - before).toBe(1);
  });

  it('rides out a short 500 burst on a reply with bounded retries', async () => {
    const { fake, adapter } = harness;
    const view = alertView({ incidentId: 'inc-500' });
    const handle = await adapter.notifier.deliver({ kind: 'open', view }, DEST, undefined);
    fake.fail('chat.postMessage', { status: 500 }, 2);
    const before = fake.callsOf('chat.postMessage').length;
    await adapter.notifier.deliver({ kind: 'suggestions', view, suggestion: suggestion() }, DEST, handle);
    expect(fake.callsOf('chat.postMessage').length - before).toBe(3);
  });

  it('sends a parent once: a 500 may hide a message Slack posted, so it goes back to the outbox, which looks first', async () => {
    const { fake, adapter } = harness;
    fake.fail('chat.postMessage', { status: 500 });
    const before = fake.callsOf('chat.postMessage').length;
    const error = await adapter.notifier
      .deliver({ kind: 'open', view: alertView({ incidentId: 'inc-500-parent' }) }, DEST, undefined)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', temporary: true });
    expect(fake.callsOf('chat.postMessage').length - before).toBe(1);
  });

  it('reports a longer outage as unavailable, to be retried later, and posts nothing', async () => {
    const { fake, adapter } = harness;
    fake.fail('chat.postMessage', { status: 503 });
    const error = await adapter.notifier
      .deliver({ kind: 'open', view: alertView({ incidentId: 'inc-503' }) }, DEST, undefined)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', temporary: true });
    expect(await store.threads.get('inc-503', 'slack')).toBeUndefined();
  });

  it.each([
    ['not_in_channel', 'not_in_channel'],
    ['channel_not_found', 'channel_not_found'],
    ['is_archived', 'channel_not_found'],
    ['invalid_auth', 'unauthorized'],
  ])('turns Slack’s %s into a NotifierError %s that needs a person', async (slackError, code) => {
    const { fake, adapter } = harness;
    fake.fail('chat.postMessage', { error: slackError });
    const error = await adapter.notifier
      .deliver({ kind: 'open', view: alertView({ incidentId: `inc-${slackError}` }) }, DEST, undefined)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, temporary: false });
  });

  it('posts the parent again when someone deleted it, and keeps the new thread', async () => {
    const { fake, adapter } = harness;
    const view = alertView({ incidentId: 'inc-deleted' });
    const first = await adapter.notifier.deliver({ kind: 'open', view }, DEST, undefined);
    fake.fail('chat.update', { error: 'message_not_found' });
    const second = await adapter.notifier.deliver({ kind: 'open', view }, DEST, first as ThreadHandle);
    expect(second).not.toEqual(first);
    expect((await store.threads.get('inc-deleted', 'slack'))?.ref).toEqual(second);
  });
});
