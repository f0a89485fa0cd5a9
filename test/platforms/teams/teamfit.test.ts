import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../src/core/alert-view.js';
import type { ThreadHandle } from '../../../src/platforms/notifier.js';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { CHANNEL, TENANT, incident, plan } from './fixtures.js';
import { installActivity, messageActivity, startHarness, type Harness } from './harness.js';

const destination = { platform: 'teams' as const, workspace: TENANT, channel: CHANNEL };
const MIN = 60_000;

describe('Teams: a competitor’s crisis and reminders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.connector.members.set('aad-esc-1', { id: 'aad-esc-1', name: 'Bob Crisis' });
    h.connector.members.set('aad-esc-2', { id: 'aad-esc-2', name: 'Carla Comms' });
    await h.store.plans.save(plan());
    expect((await h.post(installActivity({ serviceUrl: h.connector.url }))).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('posts a competitor’s crisis once, as a channel post of its own worded as context', async () => {
    const view = buildAlertView(incident({ id: 'rival-1', planId: 'plan-1|competitor|globex' }), plan());
    const before = h.connector.calls.filter((c) => c.op === 'createConversation').length;
    const handle = await h.runtime.notifier.deliver({ kind: 'competitor', view, competitor: 'Globex' }, destination, undefined);
    expect(await h.runtime.notifier.deliver({ kind: 'competitor', view, competitor: 'Globex' }, destination, undefined)).toEqual(handle);
    const created = h.connector.calls.filter((c) => c.op === 'createConversation').slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    const card = JSON.stringify(created[0]!.body.activity.attachments.find((a: any) => a.contentType === CARD_CONTENT_TYPE).content);
    expect(card).toContain('Globex, a competitor you watch, has its own incident');
    expect(card).toContain("A competitor's incident may spill over");
    expect(card).not.toMatch(/opportunit/i);
  });

  it('reminds in the thread with each contact mentioned, then opens a one-to-one chat with each', async () => {
    const view = buildAlertView(incident({ id: 'inc-remind' }), plan({ locale: 'fr' }));
    const handle = (await h.runtime.notifier.deliver({ kind: 'open', view }, destination, undefined)) as ThreadHandle;
    await h.runtime.notifier.deliver({ kind: 'remind', view, afterMs: 15 * MIN }, destination, handle);
    const reminder = await h.connector.waitFor((c) => c.op === 'sendToConversation' && String(c.body.text).includes('Rappel'));
    expect(reminder.conversationId).toBe(handle.thread);
    expect(reminder.body.text).toContain('<at>Bob Crisis</at>, <at>Carla Comms</at>');
    expect(reminder.body.entities.map((e: any) => e.mentioned.id)).toEqual(['aad-esc-1', 'aad-esc-2']);

    const before = h.connector.calls.filter((c) => c.op === 'createConversation').length;
    for (const user of view.escalation) await h.runtime.notifier.deliver({ kind: 'remind_dm', view, afterMs: 30 * MIN, user }, destination, handle);
    const direct = h.connector.calls.filter((c) => c.op === 'createConversation').slice(before);
    expect(direct).toHaveLength(2);
    expect(direct.map((c) => c.body.members[0].id)).toEqual(['aad-esc-1', 'aad-esc-2']);
    for (const call of direct) {
      expect(call.body).toMatchObject({ isGroup: false, tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
      expect(call.body.channelData.channel).toBeUndefined();
      expect(call.body.activity.text).toContain('attend une prise en charge depuis 30 min');
    }
  });

  it('hands the sender’s time zone to the command, when the Teams client sends a valid one', async () => {
    const where = { serviceUrl: h.connector.url };
    await h.post({ ...messageActivity('watch acme Acme', where), localTimezone: 'Africa/Casablanca' });
    await h.post({ ...messageActivity('watch globex Globex', where), localTimezone: 'Mars/Olympus' });
    const runs = h.commands.runs.filter((r) => r.text.startsWith('watch'));
    expect(runs).toHaveLength(2);
    expect(runs[0]!.ctx.timeZone).toBe('Africa/Casablanca');
    expect(runs[1]!.ctx.timeZone).toBeUndefined();
  });
});
