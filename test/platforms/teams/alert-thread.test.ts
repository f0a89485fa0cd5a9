import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceKey } from '../../../src/platforms/teams/inbound.js';
import { buildAlertView } from '../../../src/core/alert-view.js';
import { t } from '../../../src/i18n/catalog.js';
import { NotifierError, type ThreadHandle } from '../../../src/platforms/notifier.js';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { actionVerb } from '../../../src/platforms/teams/cards.js';
import { CHANNEL, TENANT, T0, chart, incident, plan, suggestion } from './fixtures.js';
import { executeActivity, installActivity, removalActivity, startHarness, type Harness } from './harness.js';

const destination = { platform: 'teams' as const, workspace: TENANT, channel: CHANNEL };

function cardOf(body: any): any {
  const attachment = body.attachments?.find((a: any) => a.contentType === CARD_CONTENT_TYPE);
  return attachment?.content;
}

function texts(card: any): string {
  return JSON.stringify(card);
}

describe('Teams: install, then one incident in one thread', () => {
  let h: Harness;
  let handle: ThreadHandle;
  const currentView = async () => {
    const stored = await h.store.incidents.get('inc-1');
    if (stored === undefined) throw new Error('incident missing');
    return buildAlertView(stored, plan());
  };

  beforeAll(async () => {
    h = await startHarness();
    h.connector.members.set('aad-esc-1', { id: 'aad-esc-1', name: 'Bob Crisis' });
    h.connector.members.set('aad-esc-2', { id: 'aad-esc-2', name: 'Carla Comms' });
    await h.store.plans.save(plan());
    await h.store.incidents.save(incident());
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores the conversation reference when the bot is added to a team, and says hello', async () => {
    const res = await h.post(installActivity({ serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL))).toMatchObject({
      serviceUrl: h.connector.url,
      tenantId: TENANT,
      conversationId: CHANNEL,
      conversationType: 'channel',
      teamId: '19:team@thread.tacv2',
    });
    const welcome = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.body.text === t('en', 'teams.welcome'));
    expect(welcome.conversationId).toBe(CHANNEL);
  });

  it('opens the incident as a new channel post and keeps the root id from ";messageid="', async () => {
    const result = await h.runtime.notifier.deliver({ kind: 'open', view: await currentView() }, destination, undefined);
    if (!result) throw new Error('no handle');
    handle = result;
    const create = h.connector.calls.filter((c) => c.op === 'createConversation');
    expect(create).toHaveLength(1);
    expect(create[0]?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } }, tenantId: TENANT });
    const card = cardOf(create[0]?.body.activity);
    expect(card.version).toBe('1.5');
    expect(card.actions.map((a: any) => [a.type, a.verb])).toEqual([
      ['Action.Execute', 'vigie.alert.acknowledge'],
      ['Action.Execute', 'vigie.alert.escalate'],
      ['Action.Execute', 'vigie.alert.mute'],
      ['Action.Execute', 'vigie.alert.not_crisis'],
      ['Action.ShowCard', undefined],
    ]);
    // The root card names its incident in its data (README, "One writer, nothing lost": what Teams can guarantee).
    expect(card.actions.slice(0, 4).map((a: any) => a.data)).toEqual(Array(4).fill({ incidentId: 'inc-1' }));
    expect(card.actions.at(-1).card.actions.map((a: any) => [a.type, a.data.verb])).toEqual([['Action.Submit', 'vigie.correct']]);
    expect(handle.thread).toMatch(new RegExp(`^${CHANNEL.replace(/[.]/g, '\\.')};messageid=\\d+$`));
    expect(handle.thread).toBe(`${CHANNEL};messageid=${handle.root}`);
    expect((await h.store.threads.get('inc-1', 'teams'))?.ref).toEqual(handle);
  });

  it('posts an update as a reply in the thread and redraws the root card', async () => {
    await h.store.incidents.save(
      incident({ stage: 4, severity: { score: 88, level: 'critical', parts: { size: 1, speed: 0.8, reach: 0.9, stage: 1 } } }),
    );
    await h.runtime.notifier.deliver(
      { kind: 'update', view: await currentView(), previous: { stage: 3, severity: 72.4, negative: 50 } },
      destination,
      handle,
    );
    const reply = await h.connector.waitFor((c) => c.op === 'sendToConversation' && texts(c.body).includes('Stage 3 → 4'));
    expect(reply.conversationId).toBe(handle.thread);
    const redraw = await h.connector.waitFor((c) => c.op === 'updateActivity' && texts(c.body).includes('Critical (88/100)'));
    expect(redraw).toMatchObject({ conversationId: handle.thread, activityId: handle.root });
  });

  it('posts the suggested response in the thread', async () => {
    await h.runtime.notifier.deliver({ kind: 'suggestions', view: await currentView(), suggestion: suggestion() }, destination, handle);
    const reply = await h.connector.waitFor((c) => c.op === 'sendToConversation' && texts(c.body).includes('Suggested response'));
    expect(reply.conversationId).toBe(handle.thread);
    expect(texts(reply.body)).toContain('Leading category: **Cancellation**');
  });

  it('posts the volume chart inline in the thread and on the root card, within the Teams message size', async () => {
    const before = h.connector.calls.filter((c) => c.op === 'updateActivity').length;
    await h.runtime.notifier.deliver({ kind: 'chart', view: await currentView(), chart: chart() }, destination, handle);
    const reply = await h.connector.waitFor((c) => c.op === 'sendToConversation' && texts(c.body).includes('data:image/png;base64,'));
    expect(reply.conversationId).toBe(handle.thread);
    expect(Buffer.byteLength(JSON.stringify(reply.body))).toBeLessThan(40_000);
    const redraw = h.connector.calls.filter((c) => c.op === 'updateActivity').slice(before);
    expect(redraw).toHaveLength(1);
    expect(texts(redraw[0]?.body)).toContain('data:image/png;base64,');
    expect(Buffer.byteLength(JSON.stringify(redraw[0]?.body))).toBeLessThan(40_000);
  });

  it.each([
    ['acknowledge', 'Acknowledged by Alice Martin'],
    ['escalate', 'Escalated by Alice Martin'],
    ['mute', 'Muted by Alice Martin until'],
    ['not_crisis', 'Marked “not a crisis” by Alice Martin'],
  ] as const)('the %s button updates the card in place through the adaptiveCard/action invoke', async (action, shown) => {
    const res = await h.post(executeActivity(actionVerb(action), { incidentId: 'inc-1' }, { serviceUrl: h.connector.url, replyToId: handle.root }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_CONTENT_TYPE });
    expect(res.body.value.type).toBe('AdaptiveCard');
    expect(texts(res.body.value)).toContain(shown);
    expect(h.commands.actions.at(-1)).toMatchObject({
      incidentId: 'inc-1',
      action,
      ctx: { scope: { platform: 'teams', workspace: TENANT }, user: 'Alice Martin' },
    });
  });

  it('escalation mentions the contacts by name with Teams mention entities', async () => {
    await h.runtime.notifier.deliver({ kind: 'escalate', view: await currentView(), by: 'Alice Martin' }, destination, handle);
    const reply = await h.connector.waitFor((c) => c.op === 'sendToConversation' && (c.body.entities ?? []).length > 0);
    expect(reply.conversationId).toBe(handle.thread);
    expect(reply.body.text).toContain('<at>Bob Crisis</at>, <at>Carla Comms</at>');
    expect(reply.body.entities).toEqual([
      { type: 'mention', text: '<at>Bob Crisis</at>', mentioned: { id: 'aad-esc-1', name: 'Bob Crisis' } },
      { type: 'mention', text: '<at>Carla Comms</at>', mentioned: { id: 'aad-esc-2', name: 'Carla Comms' } },
    ]);
  });

  it('a state change redraws the root card', async () => {
    const before = h.connector.calls.filter((c) => c.op === 'updateActivity').length;
    await h.runtime.notifier.deliver({ kind: 'state', view: await currentView() }, destination, handle);
    const updates = h.connector.calls.filter((c) => c.op === 'updateActivity');
    expect(updates.length).toBe(before + 1);
    expect(updates.at(-1)).toMatchObject({ conversationId: handle.thread, activityId: handle.root });
    expect(texts(updates.at(-1)?.body)).toContain('Acknowledged by Alice Martin');
  });

  it('resolution is a reply in the thread and the root card loses its buttons', async () => {
    await h.store.incidents.save({ ...(await h.store.incidents.get('inc-1'))!, status: 'resolved', resolvedAt: T0 + 5 * 3_600_000 });
    await h.runtime.notifier.deliver({ kind: 'resolve', view: await currentView() }, destination, handle);
    const reply = await h.connector.waitFor((c) => c.op === 'sendToConversation' && texts(c.body).includes('Back to normal'));
    expect(reply.conversationId).toBe(handle.thread);
    const root = h.connector.calls.filter((c) => c.op === 'updateActivity').at(-1);
    expect(cardOf(root?.body).actions).toBeUndefined();
    expect(texts(root?.body)).toContain('Resolved');
    // Everything after the root went into its thread: one root post for the whole incident.
    expect(h.connector.calls.filter((c) => c.op === 'createConversation')).toHaveLength(1);
    const outsideThread = h.connector.calls.filter((c) => c.op === 'sendToConversation' && c.conversationId !== handle.thread);
    expect(outsideThread).toEqual([]);
  });

  it('removing the bot from the team forgets the reference and pauses the plan; later alerts fail clearly', async () => {
    await h.post(removalActivity({ serviceUrl: h.connector.url }));
    expect(await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL))).toBeUndefined();
    expect((await h.store.plans.getById('plan-1'))?.status).toBe('paused');
    const error = await h.runtime.notifier
      .deliver({ kind: 'open', view: { ...(await currentView()), incidentId: 'inc-2' } }, destination, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).code).toBe('channel_not_found');
    expect((error as NotifierError).temporary).toBe(false);
  });
});
