import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT, view } from './fixtures.js';
import { installActivity, startHarness, type Harness } from './harness.js';

const CHAT = 'a:personal-chat';
const destination = { platform: 'teams' as const, workspace: TENANT, channel: CHAT };

describe('Teams alerts in a personal chat (no threads)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.post(installActivity({ serviceUrl: h.connector.url, kind: 'personal' }));
  });
  afterAll(async () => {
    await h.close();
  });

  it('posts the alert as a chat message and its follow-ups quote the alert they are about', async () => {
    const handle = await h.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    expect(h.connector.calls.filter((c) => c.op === 'createConversation')).toEqual([]);
    const root = h.connector.calls.find((c) => c.op === 'sendToConversation' && c.conversationId === CHAT);
    expect(root).toBeDefined();
    expect(handle).toMatchObject({ type: 'chat', thread: CHAT });

    await h.runtime.notifier.deliver(
      { kind: 'update', view: view(), previous: { stage: 2, severity: 50, negative: 30 } },
      destination,
      handle ?? undefined,
    );
    const update = h.connector.calls.filter((c) => c.op === 'sendToConversation').at(-1);
    expect(update?.conversationId).toBe(CHAT);
    expect(JSON.stringify(update?.body)).toContain('About the alert on **Acme Air** opened');
    const redraw = h.connector.calls.find((c) => c.op === 'updateActivity');
    expect(redraw).toMatchObject({ conversationId: CHAT, activityId: handle?.root });
  });
});
