import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRef } from '../../../src/core/corrections/correction.js';
import { CORRECT_ACTION_ID } from '../../../src/platforms/slack/render.js';
import type { Store } from '../../../src/store/store.js';
import type { SlackCall } from '../../fakes/slack.js';
import { T0, incidentFixture, planFixture } from './fixtures.js';
import { bootVigie } from './app.js';
import { type Harness, startHarness } from './harness.js';
import { type Who, buttonPayload, payloadBody, postSigned } from './wire.js';

/** The ⋮ menu of an evidence post, as Slack sends a choice in it. */
function overflowPayload(value: string, responseUrl: string, who: Who, messageTs: string): Record<string, unknown> {
  return {
    ...buttonPayload('unused', 'unused', responseUrl, who, messageTs),
    actions: [
      {
        type: 'overflow',
        action_id: CORRECT_ACTION_ID,
        block_id: 'evidence',
        selected_option: { text: { type: 'plain_text', text: 'Wrong sentiment: neutral' }, value },
        action_ts: '1764234001.000003',
      },
    ],
  };
}

describe('"wrong sentiment" in Slack through the real app', () => {
  const clock = { now: T0 + 10 * 60_000 };
  let app: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  let parentTs = '';
  const since = (start: number): SlackCall[] => harness.fake.calls.slice(start).filter((c) => c.method !== 'auth.test');

  beforeAll(async () => {
    app = await bootVigie(() => clock.now);
    const store: Store = app.vigie.store;
    await store.plans.save(planFixture());
    await store.incidents.save(incidentFixture());
    harness = await startHarness({ commands: app.vigie.commands, store });
    app.vigie.notifiers.set('slack', harness.adapter.notifier);
    await store.outbox.add({
      id: 'open-1',
      incidentId: 'inc-1',
      planId: 'plan-1',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: clock.now,
      dueAt: clock.now,
      attempts: 0,
    });
    await app.vigie.outbox.flush();
    parentTs = harness.fake.calls.find((c) => c.method === 'chat.postMessage')?.response?.ts as string;
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
  });

  async function choose(value: string, who: Who, id: string): Promise<{ text: unknown; calls: SlackCall[] }> {
    const start = harness.fake.calls.length;
    const res = await postSigned(harness.events, payloadBody(overflowPayload(value, harness.fake.responseUrl(id), who, parentTs)));
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === id);
    await app.vigie.outbox.flush();
    return { text: answer.body.text, calls: since(start) };
  }

  it('the parent carries a menu per evidence post, and a choice corrects the post, its counts and the parent', async () => {
    expect(parentTs).not.toBe('');
    const before = (await app.vigie.store.incidents.get('inc-1'))!;
    const ref = postRef('m0');
    const { text, calls } = await choose(`${ref} neutral`, { team: 'T1', channel: 'C0ALERTS', user: 'U0FIX' }, 'fix-1');
    expect(text).toContain(`Post ${ref} marked neutral by <@U0FIX>`);
    const after = (await app.vigie.store.incidents.get('inc-1'))!;
    expect(after.counts.negative).toBe(before.counts.negative - 1);
    expect(after.samples.find((s) => s.id === 'm0')).toMatchObject({ sentiment: 'neutral', corrected: { by: 'U0FIX' } });
    expect(calls.map((c) => c.method)).toEqual(['chat.update']);
    const redrawn = JSON.stringify(calls[0]!.args.blocks);
    expect(redrawn).not.toContain(`ref ${ref}`);
    expect(redrawn).toContain(`ref ${postRef('m1')}`);
    expect(redrawn).toContain(CORRECT_ACTION_ID);
    expect((await app.vigie.store.corrections.list({ platform: 'slack', workspace: 'T1' })).map((c) => [c.postId, c.label, c.by])).toEqual([
      ['m0', 'neutral', 'U0FIX'],
    ]);
  });

  it('a choice sent from another workspace finds no post and changes nothing', async () => {
    const before = (await app.vigie.store.incidents.get('inc-1'))!;
    const { text, calls } = await choose(`${postRef('m1')} positive`, { team: 'T2', channel: 'C9', user: 'U9' }, 'fix-2');
    expect(text).toContain('No post');
    expect(calls).toEqual([]);
    expect((await app.vigie.store.incidents.get('inc-1'))!.counts).toEqual(before.counts);
    expect(await app.vigie.store.corrections.list({ platform: 'slack', workspace: 'T2' })).toEqual([]);
  });
});
