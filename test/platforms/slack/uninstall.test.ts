import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../../src/core/plan.js';
import { T0, incidentFixture } from './fixtures.js';
import { eventBody, installWorkspace, postEvent, startDistributed } from './oauth.js';
import { type Who, postSigned, slashBody } from './wire.js';

const T1: Who = { team: 'T1', channel: 'C0ONE', user: 'U0ONE' };
const T2: Who = { team: 'T2', channel: 'C0TWO', user: 'U0TWO' };
const T3: Who = { team: 'T3', channel: 'C0THREE', user: 'U0THREE' };
const NOW = T0 + 10 * 60_000;

describe('a workspace that uninstalls Vigie or revokes its token: tokens deleted, plans paused', () => {
  let env: Awaited<ReturnType<typeof startDistributed>>;
  let n = 0;

  beforeAll(async () => {
    env = await startDistributed(() => NOW);
    for (const who of [T1, T2, T3]) {
      expect((await installWorkspace(env.harness.base, env.fake, who.team!)).status).toBe(200);
      await slash(`watch brand${who.team} "Acme Air"`, who);
      await slash(`watch second${who.team} Globex`, who);
    }
  });
  afterAll(async () => {
    await env.close();
  });

  async function slash(text: string, who: Who): Promise<string | undefined> {
    n += 1;
    const res = await postSigned(env.harness.events, slashBody(text, env.fake.responseUrl(`u${n}`), who));
    expect(res.status).toBe(200);
    const body = await res.text();
    return body === '' ? undefined : (JSON.parse(body) as { text: string }).text;
  }

  const plansOf = (team: string): Promise<Plan[]> => env.app.vigie.store.plans.list({ platform: 'slack', workspace: team });
  const installation = (team: string) => env.app.vigie.store.installations.get('slack', team);

  async function event(team: string, body: Record<string, unknown>): Promise<void> {
    const res = await postEvent(env.harness.events, eventBody(team, body));
    expect(res.status).toBe(200);
  }

  it('app_uninstalled: the workspace’s installation is deleted and its plans paused; the others keep theirs', async () => {
    expect((await plansOf('T2')).map((p) => p.status)).toEqual(['active', 'active']);
    await event('T2', { type: 'app_uninstalled' });
    await vi.waitFor(async () => expect(await installation('T2')).toBeUndefined());
    await vi.waitFor(async () => expect((await plansOf('T2')).map((p) => p.status)).toEqual(['paused', 'paused']));
    for (const plan of await plansOf('T2')) expect(plan.updated).toEqual({ by: 'slack:app_uninstalled', at: NOW });
    expect((await plansOf('T1')).map((p) => p.status)).toEqual(['active', 'active']);
    expect((await installation('T1'))?.bot).toMatchObject({ token: env.fake.tokenOf('T1') });
  });

  it('an alert already queued for the uninstalled workspace is not tried with anyone’s token', async () => {
    const [plan] = await plansOf('T2');
    await env.app.vigie.store.incidents.save(incidentFixture({ id: 'inc-t2', planId: plan!.id }));
    const start = env.fake.calls.length;
    await env.app.vigie.store.outbox.add({
      id: 'open-t2',
      incidentId: 'inc-t2',
      planId: plan!.id,
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: NOW,
      dueAt: NOW,
      attempts: 0,
    });
    await env.app.vigie.outbox.flush();
    expect(env.fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect((await env.app.vigie.store.outbox.pending()).find((i) => i.id === 'open-t2')?.lastError).toMatch(/^unauthorized/);
  });

  it('the uninstalled workspace’s commands are no longer served', async () => {
    const ignored = () => env.harness.logs.lines.filter((l) => l.msg === 'slack request from a workspace without an installation ignored').length;
    const before = ignored();
    expect(await slash('list', T2)).toBeUndefined();
    // The request reached the app and was turned away for want of an installation: no answer is that refusal.
    await vi.waitFor(() => expect(ignored()).toBeGreaterThan(before));
  });

  it('tokens_revoked (bot token): same as an uninstall', async () => {
    await event('T1', { type: 'tokens_revoked', tokens: { bot: [`UBOTT1`] } });
    await vi.waitFor(async () => expect(await installation('T1')).toBeUndefined());
    await vi.waitFor(async () => expect((await plansOf('T1')).map((p) => p.status)).toEqual(['paused', 'paused']));
    for (const plan of await plansOf('T1')) expect(plan.updated.by).toBe('slack:tokens_revoked');
  });

  it('tokens_revoked for user tokens only: the bot token still works, nothing changes', async () => {
    await event('T3', { type: 'tokens_revoked', tokens: { oauth: ['U0THREE'] } });
    await vi.waitFor(() =>
      expect(env.harness.logs.lines.some((l) => l.msg === 'slack user tokens revoked; the bot token still works' && l.team === 'T3')).toBe(true),
    );
    expect(await slash('list', T3)).toContain('brandT3');
    expect((await installation('T3'))?.bot).toMatchObject({ token: env.fake.tokenOf('T3') });
    expect((await plansOf('T3')).map((p) => p.status)).toEqual(['active', 'active']);
  });

  it('a reinstall brings the workspace back with a new token; its plans wait for `resume`', async () => {
    const before = env.fake.tokenOf('T2');
    expect((await installWorkspace(env.harness.base, env.fake, 'T2')).status).toBe(200);
    const token = env.fake.tokenOf('T2');
    expect(token).not.toBe(before);
    expect((await installation('T2'))?.bot).toMatchObject({ token });
    expect((await plansOf('T2')).map((p) => p.status)).toEqual(['paused', 'paused']);
    await slash('resume brandT2', T2);
    expect((await plansOf('T2')).find((p) => p.name === 'brandT2')?.status).toBe('active');
  });

  it('an org-wide install that is removed pauses the plans of every workspace of the org seen so far', async () => {
    expect((await installWorkspace(env.harness.base, env.fake, 'T5', { enterprise: 'E1', orgWide: true })).status).toBe(200);
    for (const team of ['T5', 'T6']) {
      n += 1;
      const form = {
        ...Object.fromEntries(
          new URLSearchParams(
            slashBody(`watch grid${team} Globex`, env.fake.responseUrl(`u${n}`), { team, channel: `C0${team}`, user: `U0${team}` }),
          ),
        ),
        enterprise_id: 'E1',
        is_enterprise_install: 'true',
      };
      expect((await postSigned(env.harness.events, new URLSearchParams(form).toString())).status).toBe(200);
    }
    expect((await installation('E1'))?.vigieTeams).toEqual(['T5', 'T6']);
    const res = await postEvent(env.harness.events, eventBody('T5', { type: 'app_uninstalled' }, { enterprise: 'E1', orgWide: true }));
    expect(res.status).toBe(200);
    await vi.waitFor(async () => expect(await installation('E1')).toBeUndefined());
    await vi.waitFor(async () => expect([...(await plansOf('T5')), ...(await plansOf('T6'))].map((p) => p.status)).toEqual(['paused', 'paused']));
    expect((await plansOf('T3')).map((p) => p.status)).toEqual(['active', 'active']);
  });
});
