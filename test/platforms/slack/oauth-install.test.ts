import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLACK_BOT_SCOPES } from '../../../src/platforms/slack/settings.js';
import { T0 } from './fixtures.js';
import { CLIENT, installWorkspace, startDistributed } from './oauth.js';
import { type Who, postSigned, slashBody } from './wire.js';

const T1: Who = { team: 'T1', channel: 'C0ONE', user: 'U0ONE' };
const T2: Who = { team: 'T2', channel: 'C0TWO', user: 'U0TWO' };

describe('Slack OAuth distribution: installing two workspaces', () => {
  let env: Awaited<ReturnType<typeof startDistributed>>;
  let n = 0;

  beforeAll(async () => {
    env = await startDistributed(() => T0);
  });
  afterAll(async () => {
    await env.close();
  });

  const installed = async (key: string) => env.app.vigie.store.installations.get('slack', key);

  async function slash(text: string, who: Who): Promise<{ status: number; text: string | undefined }> {
    n += 1;
    const res = await postSigned(env.harness.events, slashBody(text, env.fake.responseUrl(`i${n}`), who));
    const body = res.status === 200 ? await res.text() : '';
    return { status: res.status, text: body === '' ? undefined : (JSON.parse(body) as { text?: string }).text };
  }

  it('sends the installer to Slack with the client id, the manifest scopes and a state bound to a cookie', async () => {
    const res = await fetch(`${env.harness.base}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(location.searchParams.get('scope')).toBe(SLACK_BOT_SCOPES.join(','));
    const state = location.searchParams.get('state') ?? '';
    expect(state).not.toBe('');
    expect(res.headers.getSetCookie()[0]).toContain(`slack-app-oauth-state=${state}`);
  });

  it('refuses a redirect whose state does not belong to this browser, and stores nothing', async () => {
    const result = await installWorkspace(env.harness.base, env.fake, 'T9', { sendCookie: false });
    expect(result.status).toBe(400);
    expect(await installed('T9')).toBeUndefined();
    expect(env.fake.callsOf('oauth.v2.access').filter((c) => String(c.args.code).startsWith('code-T9-'))).toEqual([]);
  });

  it('installs T1 then T2: the code is exchanged with the client credentials and each token is stored under its team', async () => {
    for (const team of ['T1', 'T2']) {
      const result = await installWorkspace(env.harness.base, env.fake, team);
      expect(result.status).toBe(200);
      const exchange = env.fake.callsOf('oauth.v2.access').find((c) => String(c.args.code).startsWith(`code-${team}-`));
      expect(exchange?.args).toMatchObject({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
      const token = env.fake.tokenOf(team);
      expect(token).toMatch(new RegExp(`^xoxb-${team}-`));
      expect(await installed(team)).toMatchObject({ team: { id: team }, isEnterpriseInstall: false, bot: { token, userId: `UBOT${team}` } });
    }
    expect(env.fake.tokenOf('T1')).not.toBe(env.fake.tokenOf('T2'));
  });

  it('runs each workspace’s commands with that workspace’s token', async () => {
    for (const who of [T1, T2]) {
      expect((await slash('watch acme "Acme Air"', who)).status).toBe(200);
      const before = env.fake.callsOf('views.open').length;
      expect((await slash('plan acme', who)).status).toBe(200);
      const open = await env.fake.waitFor('views.open', (c) => env.fake.callsOf('views.open').indexOf(c) >= before);
      expect(open.authorization).toBe(`Bearer ${env.fake.tokenOf(who.team!)}`);
      expect(open.args.team_id).toBe(who.team);
    }
    const plans = await Promise.all(['T1', 'T2'].map((w) => env.app.vigie.store.plans.list({ platform: 'slack', workspace: w })));
    expect(plans.map((p) => p.map((x) => x.destination))).toEqual([
      [{ platform: 'slack', workspace: 'T1', channel: 'C0ONE' }],
      [{ platform: 'slack', workspace: 'T2', channel: 'C0TWO' }],
    ]);
  });

  it('ignores a workspace that never installed the app', async () => {
    const reply = await slash('watch acme "Acme Air"', { team: 'T3', channel: 'C0THREE', user: 'U0THREE' });
    expect(reply.text).toBeUndefined();
    expect(await env.app.vigie.store.plans.list({ platform: 'slack', workspace: 'T3' })).toEqual([]);
    await vi.waitFor(() =>
      expect(env.harness.logs.lines.some((l) => l.msg === 'slack request from a workspace without an installation ignored')).toBe(true),
    );
  });

  it('an org-wide install serves every workspace of the org with the org’s token', async () => {
    const result = await installWorkspace(env.harness.base, env.fake, 'T5', { enterprise: 'E1', orgWide: true });
    expect(result.status).toBe(200);
    expect(await installed('E1')).toMatchObject({ enterprise: { id: 'E1' }, isEnterpriseInstall: true });
    const who: Who = { team: 'T5', channel: 'C0FIVE', user: 'U0FIVE' };
    n += 1;
    const form = {
      ...Object.fromEntries(new URLSearchParams(slashBody('plan grid', env.fake.responseUrl(`i${n}`), who))),
      enterprise_id: 'E1',
      is_enterprise_install: 'true',
    };
    const before = env.fake.callsOf('views.open').length;
    expect((await postSigned(env.harness.events, new URLSearchParams(form).toString())).status).toBe(200);
    const open = await env.fake.waitFor('views.open', (c) => env.fake.callsOf('views.open').indexOf(c) >= before);
    expect(open.authorization).toBe(`Bearer ${env.fake.tokenOf('E1')}`);
    // The workspace is now known to belong to the org: its alerts will use the org's token.
    expect((await installed('E1'))?.vigieTeams).toEqual(['T5']);
  });
});
