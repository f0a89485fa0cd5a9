import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../../src/server.js';
import type { AlertAction } from '../../../src/core/alert-view.js';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { slackReplyText } from '../../../src/platforms/slack/reply.js';
import type { Store } from '../../../src/store/store.js';
import type { SlackCall } from '../../fakes/slack.js';
import { T0, incidentFixture, planFixture, suggestion } from './fixtures.js';
import { bootVigie } from './app.js';
import { type Harness, startHarness } from './harness.js';
import { type Who, buttonPayload, payloadBody, postSigned } from './wire.js';

const HOUR = 3_600_000;
const CLICKER: Who = { team: 'T1', channel: 'C0ALERTS', user: 'U0ACK' };

let seq = 0;
async function enqueue(store: Store, kind: string, at: number, payload: Record<string, unknown> = {}): Promise<void> {
  seq += 1;
  await store.outbox.add({
    id: `e2e-${seq}`,
    incidentId: 'inc-1',
    planId: 'plan-1',
    platform: 'slack',
    kind,
    payload,
    createdAt: at,
    dueAt: at,
    attempts: 0,
  });
}

async function seed(store: Store): Promise<void> {
  await store.plans.save(planFixture());
  await store.incidents.save(incidentFixture());
}

describe('an incident in Slack through the real app: alert, buttons, resolution', () => {
  const clock = { now: T0 + 10 * 60_000 };
  let app: Awaited<ReturnType<typeof bootVigie>>;
  /** Same state, same clock: what each click must answer. */
  let twin: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  let parentTs = '';

  beforeAll(async () => {
    app = await bootVigie(() => clock.now);
    twin = await bootVigie(() => clock.now);
    await seed(app.vigie.store);
    await seed(twin.vigie.store);
    harness = await startHarness({ commands: app.vigie.commands, store: app.vigie.store });
    app.vigie.notifiers.set('slack', harness.adapter.notifier);
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
    await twin.cleanup();
  });

  const since = (start: number): SlackCall[] => harness.fake.calls.slice(start).filter((c) => c.method !== 'auth.test');

  async function click(action: AlertAction, who: Who = CLICKER): Promise<{ text: unknown; calls: SlackCall[] }> {
    const ctx: CommandContext = {
      scope: { platform: 'slack', workspace: who.team ?? 'T1' },
      channel: who.channel ?? 'C1',
      user: who.user ?? 'U1',
      locale: 'en',
    };
    const want = slackReplyText(await twin.vigie.commands.action('inc-1', action, ctx), 'en');
    const start = harness.fake.calls.length;
    const id = `${action}-${who.team}-${harness.fake.responses.length}`;
    const res = await postSigned(harness.events, payloadBody(buttonPayload(action, 'inc-1', harness.fake.responseUrl(id), who, parentTs)));
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === id);
    expect(answer.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: want });
    await app.vigie.outbox.flush();
    return { text: answer.body.text, calls: since(start) };
  }

  it('opens one thread: parent, suggested response and the chart uploaded into it', async () => {
    const start = harness.fake.calls.length;
    await enqueue(app.vigie.store, 'open', clock.now);
    await enqueue(app.vigie.store, 'suggestions', clock.now, { suggestion: suggestion() });
    await enqueue(app.vigie.store, 'chart', clock.now);
    await app.vigie.outbox.flush();
    const calls = since(start);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const parent = calls[0]!;
    expect(parent.args.channel).toBe('C0ALERTS');
    expect(parent.args.thread_ts).toBeUndefined();
    parentTs = parent.response?.ts as string;
    expect(calls[1]!.args).toMatchObject({ channel: 'C0ALERTS', thread_ts: parentTs });
    expect(calls[3]!.args).toMatchObject({ channel_id: 'C0ALERTS', thread_ts: parentTs });
    expect(harness.fake.uploads).toHaveLength(1);
    expect((await app.vigie.store.threads.get('inc-1', 'slack'))?.ref).toEqual({ channel: 'C0ALERTS', ts: parentTs });
  });

  it('the parent carries an "Open report" link button; its click is answered and does nothing else', async () => {
    const parent = harness.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === undefined)!;
    const blocks = parent.args.blocks as Array<{ block_id?: string; elements?: Array<{ url?: string; text?: { text: string } }> }>;
    const button = blocks.find((b) => b.block_id === 'vigie_report_link')!.elements![0]!;
    expect(button.text?.text).toBe('Open report');
    expect(button.url).toMatch(/^http:\/\/localhost:\d+\/report\/inc-1\?i=\d+&e=\d+&s=[0-9a-f]{64}$/);
    const start = harness.fake.calls.length;
    const payload = buttonPayload('open_report', 'inc-1', harness.fake.responseUrl('report'), CLICKER, parentTs);
    (payload.actions as Array<Record<string, unknown>>)[0]!.block_id = 'vigie_report_link';
    const res = await postSigned(harness.events, payloadBody(payload));
    expect(res.status).toBe(200);
    await app.vigie.outbox.flush();
    expect(since(start)).toEqual([]);
  });

  it('Acknowledge: the parent shows who took it', async () => {
    const { calls } = await click('acknowledge');
    expect(calls.map((c) => c.method)).toEqual(['chat.update']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0ALERTS', ts: parentTs });
    expect(JSON.stringify(calls[0]!.args.blocks)).toContain('Acknowledged by <@U0ACK>');
  });

  it('Escalate: mentions the contacts in the thread, broadcast to the channel, and updates the parent', async () => {
    const { calls } = await click('escalate');
    expect(calls.map((c) => c.method).sort()).toEqual(['chat.postMessage', 'chat.update']);
    const reply = calls.find((c) => c.method === 'chat.postMessage')!;
    expect(reply.args).toMatchObject({ channel: 'C0ALERTS', thread_ts: parentTs, reply_broadcast: 'true' });
    expect(JSON.stringify(reply.args.blocks)).toContain('<@U0ESC1> <@U0ESC2>');
    expect(JSON.stringify(calls.find((c) => c.method === 'chat.update')!.args.blocks)).toContain('Escalated by <@U0ACK>');
  });

  it('Mute 2 h: the parent says until when', async () => {
    const { calls } = await click('mute');
    expect(calls.map((c) => c.method)).toEqual(['chat.update']);
    expect(JSON.stringify(calls[0]!.args.blocks)).toContain('Muted by <@U0ACK> until <!date^');
  });

  it('refuses a click naming this incident from another workspace', async () => {
    const { calls } = await click('not_crisis', { team: 'T2', channel: 'C9', user: 'U9' });
    expect(calls).toEqual([]);
    expect((await app.vigie.store.incidents.get('inc-1'))?.falsePositive).toBeUndefined();
  });

  it('"Mark as used" under a draft: recorded with who, when and the text shown; the report page shows the mark', async () => {
    const suggestions = harness.fake.calls.find(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks).includes('vigie_draft_used_'),
    )!;
    const blocks = suggestions.args.blocks as Array<{
      block_id?: string;
      elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
    }>;
    const usedBlocks = blocks.filter((b) => b.block_id?.startsWith('vigie_draft_used_'));
    expect(usedBlocks.map((b) => b.block_id)).toEqual(['vigie_draft_used_holding', 'vigie_draft_used_reply', 'vigie_draft_used_brief']);
    const button = usedBlocks[0]!.elements![0]!;
    expect(button.text.text).toBe('Mark as used');
    const payload = buttonPayload(button.action_id, 'ignored', harness.fake.responseUrl('used-holding'), CLICKER, parentTs);
    Object.assign((payload.actions as Array<Record<string, unknown>>)[0]!, { block_id: usedBlocks[0]!.block_id, value: button.value });
    const res = await postSigned(harness.events, payloadBody(payload));
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === 'used-holding');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.body.text).toContain('used the holding statement (no. 1)');
    const used = (await app.vigie.store.incidents.get('inc-1'))!.usedDrafts;
    expect(used).toEqual([{ kind: 'holding', n: 1, text: suggestion().drafts.holding, by: 'U0ACK', at: clock.now }]);

    // A second click on the same draft changes nothing and says who marked it.
    const again = buttonPayload(button.action_id, 'ignored', harness.fake.responseUrl('used-again'), { ...CLICKER, user: 'U0OTHER' }, parentTs);
    Object.assign((again.actions as Array<Record<string, unknown>>)[0]!, { block_id: usedBlocks[0]!.block_id, value: button.value });
    await postSigned(harness.events, payloadBody(again));
    expect((await harness.fake.waitForResponse((p) => p.id === 'used-again')).body.text).toContain('already marked as used by <@U0ACK> at');
    expect((await app.vigie.store.incidents.get('inc-1'))!.usedDrafts).toHaveLength(1);

    const parent = harness.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === undefined)!;
    const reportBlock = (parent.args.blocks as Array<{ block_id?: string; elements?: Array<{ url?: string }> }>).find(
      (b) => b.block_id === 'vigie_report_link',
    )!;
    const link = new URL(reportBlock.elements![0]!.url!);
    const server = await listen(app.vigie.http, 0, '127.0.0.1');
    try {
      const page = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${link.pathname}${link.search}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/<p data-used="holding"><strong>✓ Used by U0ACK at [^<]+<\/strong><\/p>/);
      expect(html).toContain('Suggested response used by U0ACK: holding statement');
      expect(html).not.toContain('data-used="reply"');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('Not a crisis: recorded as feedback, buttons gone from the parent', async () => {
    const { calls } = await click('not_crisis');
    expect(calls.map((c) => c.method)).toEqual(['chat.update']);
    const blocks = calls[0]!.args.blocks as Array<{ type: string; block_id?: string }>;
    expect(blocks.some((b) => b.block_id === 'vigie_report_link')).toBe(true);
    // The four buttons are gone; the "Open report" link stays.
    expect(blocks.filter((b) => b.type === 'actions').map((b) => b.block_id)).toEqual(['vigie_report_link']);
    expect((await app.vigie.store.feedback.list('plan-1')).map((f) => f.kind)).toContain('not_crisis');
  });

  it('resolution: the parent shows it and the thread says so, with the duration', async () => {
    clock.now = T0 + 4 * HOUR;
    const incident = (await app.vigie.store.incidents.get('inc-1'))!;
    await app.vigie.store.incidents.save({ ...incident, status: 'resolved', resolvedAt: T0 + 3 * HOUR });
    const start = harness.fake.calls.length;
    await enqueue(app.vigie.store, 'resolve', clock.now);
    await app.vigie.outbox.flush();
    const calls = since(start);
    expect(calls.map((c) => c.method)).toEqual(['chat.update', 'chat.postMessage']);
    expect(JSON.stringify(calls[0]!.args.blocks)).toContain('✅ Resolved');
    expect(calls[1]!.args).toMatchObject({ thread_ts: parentTs, reply_broadcast: 'false' });
    expect(JSON.stringify(calls[1]!.args.blocks)).toContain('The incident lasted 3 h');
    expect(harness.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
  });
});
