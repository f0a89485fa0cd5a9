import { afterEach, describe, expect, it } from 'vitest';
import { referenceKey } from '../../../src/platforms/teams/inbound.js';
import { TEAM, TENANT, plan } from './fixtures.js';
import { installActivity, messageActivity, removalActivity, startHarness, type Harness } from './harness.js';

const OTHER_CHANNEL = '19:crisis@thread.tacv2';

describe('Teams install bookkeeping', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an installationUpdate "add" stores the reference without a second welcome', async () => {
    h = await startHarness();
    const base = installActivity({ serviceUrl: h.connector.url, kind: 'groupChat' });
    const res = await h.post({ ...base, type: 'installationUpdate', action: 'add', membersAdded: undefined });
    expect(res.status).toBe(200);
    expect(await h.store.installations.get('teams', referenceKey(TENANT, '19:group-chat@thread.v2'))).toMatchObject({
      conversationType: 'groupChat',
      tenantId: TENANT,
    });
    expect(h.connector.calls).toEqual([]);
  });

  it('a deleted channel pauses only the plans alerting there', async () => {
    h = await startHarness();
    await h.post(installActivity({ serviceUrl: h.connector.url }));
    await h.store.plans.save(plan());
    await h.store.plans.save(
      plan({ id: 'plan-2', name: 'Crisis room', destination: { platform: 'teams', workspace: TENANT, channel: OTHER_CHANNEL } }),
    );
    const deleted = {
      ...installActivity({ serviceUrl: h.connector.url }),
      membersAdded: undefined,
      channelData: { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: OTHER_CHANNEL }, eventType: 'channelDeleted' },
    };
    await h.post(deleted);
    expect((await h.store.plans.getById('plan-2'))?.status).toBe('paused');
    expect((await h.store.plans.getById('plan-1'))?.status).toBe('active');
  });

  it('removing the bot from a team forgets every channel of that team it knew', async () => {
    h = await startHarness();
    await h.post(installActivity({ serviceUrl: h.connector.url }));
    const inOther = messageActivity('list', { serviceUrl: h.connector.url });
    (inOther.channelData as any).channel.id = OTHER_CHANNEL;
    await h.post(inOther);
    expect(await h.store.installations.get('teams', referenceKey(TENANT, OTHER_CHANNEL))).toMatchObject({ teamId: TEAM });
    await h.store.plans.save(
      plan({ id: 'plan-2', name: 'Crisis room', destination: { platform: 'teams', workspace: TENANT, channel: OTHER_CHANNEL } }),
    );
    await h.post(removalActivity({ serviceUrl: h.connector.url }));
    expect(await h.store.installations.list('teams')).toEqual([]);
    expect((await h.store.plans.getById('plan-2'))?.status).toBe('paused');
    expect((await h.store.plans.getById('plan-2'))?.updated.by).toBe('teams');
  });
});
