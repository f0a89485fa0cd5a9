import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../src/core/alert-view.js';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { CHANNEL, TENANT, T0, incident, plan } from './fixtures.js';
import { installActivity, startHarness, type Harness } from './harness.js';

const destination = { platform: 'teams' as const, workspace: TENANT, channel: CHANNEL };
const URL = 'https://vigie.example/report/inc-1?i=1&e=2&s=abc';

function cardOf(body: any): any {
  return body.attachments?.find((a: any) => a.contentType === CARD_CONTENT_TYPE)?.content;
}

describe('Teams: the alert card opens the incident report', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.store.plans.save(plan());
    await h.store.incidents.save(incident());
    expect((await h.post(installActivity({ serviceUrl: h.connector.url }))).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('an "Open report" Action.OpenUrl after the four buttons, kept alone once resolved', async () => {
    const view = { ...buildAlertView(incident(), plan()), reportUrl: URL };
    const handle = await h.runtime.notifier.deliver({ kind: 'open', view }, destination, undefined);
    const created = h.connector.calls.filter((c) => c.op === 'createConversation');
    expect(created).toHaveLength(1);
    const actions = cardOf(created[0]?.body.activity).actions as Array<{ type: string; title: string; url?: string }>;
    // The "wrong sentiment" form (corrections) comes after it.
    expect(actions.map((a) => a.type)).toEqual([
      'Action.Execute',
      'Action.Execute',
      'Action.Execute',
      'Action.Execute',
      'Action.OpenUrl',
      'Action.ShowCard',
    ]);
    expect(actions[4]).toEqual({ type: 'Action.OpenUrl', title: 'Open report', url: URL });

    const resolved = { ...view, status: 'resolved' as const, resolvedAt: T0 + 3_600_000 };
    await h.runtime.notifier.deliver({ kind: 'state', view: resolved }, destination, handle);
    const root = h.connector.calls.filter((c) => c.op === 'updateActivity').at(-1);
    expect(cardOf(root?.body).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open report', url: URL }]);
  });
});
