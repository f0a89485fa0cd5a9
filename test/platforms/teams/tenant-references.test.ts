import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../src/core/alert-view.js';
import { referenceKey } from '../../../src/platforms/teams/inbound.js';
import { CHANNEL, TEAM, TENANT, incident, plan } from './fixtures.js';
import { installActivity, removalActivity, startHarness, type Harness } from './harness.js';

const OTHER_TENANT = 'tenant-2';

/** The same activity as if it came from another tenant naming the same conversation and team ids. */
function fromTenant(activity: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const conversation = activity.conversation as Record<string, unknown>;
  const channelData = activity.channelData as Record<string, unknown>;
  return { ...activity, conversation: { ...conversation, tenantId: tenant }, channelData: { ...channelData, tenant: { id: tenant } } };
}

describe('Teams conversation references are kept per tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps both tenants’ references when a second tenant names the same conversation id', async () => {
    expect((await h.post(installActivity({ serviceUrl: h.connector.url }))).status).toBe(200);
    expect((await h.post(fromTenant(installActivity({ serviceUrl: h.connector.url }), OTHER_TENANT))).status).toBe(200);
    expect(await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL))).toMatchObject({ tenantId: TENANT, conversationId: CHANNEL });
    expect(await h.store.installations.get('teams', referenceKey(OTHER_TENANT, CHANNEL))).toMatchObject({
      tenantId: OTHER_TENANT,
      conversationId: CHANNEL,
    });
  });

  it('alerts the first tenant’s plan in its own tenant, whatever the second one sent', async () => {
    await h.store.plans.save(plan());
    await h.store.incidents.save(incident());
    const handle = await h.runtime.notifier.deliver(
      { kind: 'open', view: buildAlertView(incident(), plan()) },
      { platform: 'teams', workspace: TENANT, channel: CHANNEL },
      undefined,
    );
    expect(handle?.conversation).toBe(CHANNEL);
    const created = h.connector.calls.filter((c) => c.op === 'createConversation');
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
  });

  it('lets a tenant that removes the bot forget only its own references', async () => {
    await h.post(fromTenant(removalActivity({ serviceUrl: h.connector.url }), OTHER_TENANT));
    expect(await h.store.installations.get('teams', referenceKey(OTHER_TENANT, CHANNEL))).toBeUndefined();
    expect(await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL))).toMatchObject({ tenantId: TENANT, teamId: TEAM });
    expect((await h.store.plans.getById('plan-1'))?.status).toBe('active');
  });

  it('still finds a reference stored by an older version under the conversation id alone, and moves it on next contact', async () => {
    const ref = await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL));
    expect(ref).toBeDefined();
    await h.store.installations.remove('teams', referenceKey(TENANT, CHANNEL));
    await h.store.installations.save('teams', CHANNEL, ref ?? {});
    await h.store.incidents.save(incident({ id: 'inc-legacy' }));
    const handle = await h.runtime.notifier.deliver(
      { kind: 'open', view: buildAlertView(incident({ id: 'inc-legacy' }), plan()) },
      { platform: 'teams', workspace: TENANT, channel: CHANNEL },
      undefined,
    );
    expect(handle?.conversation).toBe(CHANNEL);
    await h.post(installActivity({ serviceUrl: h.connector.url }));
    expect(await h.store.installations.get('teams', CHANNEL)).toBeUndefined();
    expect(await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL))).toMatchObject({ tenantId: TENANT });
  });
});
