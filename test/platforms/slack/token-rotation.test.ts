import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, incidentFixture, planFixture } from './fixtures.js';
import { CLIENT, installWorkspace, startDistributed } from './oauth.js';

describe('Slack token rotation: an alert with an expiring token refreshes it first', () => {
  let env: Awaited<ReturnType<typeof startDistributed>>;

  beforeAll(async () => {
    env = await startDistributed(() => T0 + 10 * 60_000);
    // Expires in one hour: within the two hours before expiry in which @slack/oauth refreshes.
    env.fake.rotateTokens(3600);
    expect((await installWorkspace(env.harness.base, env.fake, 'T1')).status).toBe(200);
  });
  afterAll(async () => {
    await env.close();
  });

  it('posts with the refreshed token and keeps the new pair in the store', async () => {
    const first = (await env.app.vigie.store.installations.get('slack', 'T1')) as { bot: { token: string; refreshToken: string } };
    expect(first.bot.refreshToken).toMatch(/^xoxe-1-T1-/);
    // No request came from the workspace since the install: only the notifier can notice the expiry.
    await env.app.vigie.store.plans.save(planFixture());
    await env.app.vigie.store.incidents.save(incidentFixture());
    await env.app.vigie.store.outbox.add({
      id: 'open-1',
      incidentId: 'inc-1',
      planId: 'plan-1',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: T0,
      dueAt: T0,
      attempts: 0,
    });
    await env.app.vigie.outbox.flush();

    const refresh = env.fake.callsOf('oauth.v2.access').find((c) => c.args.grant_type === 'refresh_token');
    expect(refresh?.args).toMatchObject({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, refresh_token: first.bot.refreshToken });
    const fresh = env.fake.tokenOf('T1');
    expect(fresh).not.toBe(first.bot.token);
    const parent = env.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0ALERTS');
    expect(parent?.authorization).toBe(`Bearer ${fresh}`);
    expect(parent?.response?.ok).toBe(true);
    expect(await env.app.vigie.store.installations.get('slack', 'T1')).toMatchObject({
      bot: { token: fresh, refreshToken: expect.stringMatching(/^xoxe-1-T1-r/) },
    });
  });
});
