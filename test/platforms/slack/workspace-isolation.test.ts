import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/core/plan.js';
import { t } from '../../../src/i18n/catalog.js';
import type { SlackCall } from '../../fakes/slack.js';
import { T0, incidentFixture } from './fixtures.js';
import { installWorkspace, startDistributed } from './oauth.js';
import { type Who, buttonPayload, payloadBody, postSigned, slashBody } from './wire.js';

const T1: Who = { team: 'T1', channel: 'C0ONE', user: 'U0ONE' };
const T2: Who = { team: 'T2', channel: 'C0TWO', user: 'U0TWO' };

describe('one Vigie, two Slack workspaces: neither can see, change or be alerted on the other’s plans', () => {
  let env: Awaited<ReturnType<typeof startDistributed>>;
  let acme: Plan;
  let globex: Plan;
  let n = 0;

  beforeAll(async () => {
    env = await startDistributed(() => T0 + 10 * 60_000);
    for (const team of ['T1', 'T2']) expect((await installWorkspace(env.harness.base, env.fake, team)).status).toBe(200);
    expect((await slash('watch acme "Acme Air"', T1)).text).not.toBe('');
    expect((await slash('watch globex Globex', T2)).text).not.toBe('');
    acme = (await env.app.vigie.store.plans.get({ platform: 'slack', workspace: 'T1' }, 'acme'))!;
    globex = (await env.app.vigie.store.plans.get({ platform: 'slack', workspace: 'T2' }, 'globex'))!;
    await env.app.vigie.store.incidents.save(incidentFixture({ id: 'inc-acme', planId: acme.id }));
    await env.app.vigie.store.incidents.save(incidentFixture({ id: 'inc-globex', planId: globex.id }));
  });
  afterAll(async () => {
    await env.close();
  });

  async function slash(text: string, who: Who): Promise<{ status: number; text: string }> {
    n += 1;
    const res = await postSigned(env.harness.events, slashBody(text, env.fake.responseUrl(`s${n}`), who));
    return { status: res.status, text: ((await res.json()) as { text: string }).text };
  }

  /** A click on an alert button, signed like every request of the app; resolves with the ephemeral answer. */
  async function click(action: string, incident: string, who: Who): Promise<string> {
    n += 1;
    const id = `b${n}`;
    const res = await postSigned(env.harness.events, payloadBody(buttonPayload(action, incident, env.fake.responseUrl(id), who)));
    expect(res.status).toBe(200);
    return String((await env.fake.waitForResponse((p) => p.id === id)).body.text);
  }

  const webApiCalls = (from: number): SlackCall[] => env.fake.calls.slice(from).filter((c) => c.method !== 'auth.test');

  it('lists only its own plans', async () => {
    const one = await slash('list', T1);
    const two = await slash('list', T2);
    expect(one.text).toContain('acme');
    expect(one.text).not.toContain('globex');
    expect(two.text).toContain('globex');
    expect(two.text).not.toContain('acme');
  });

  it.each(['show acme', 'pause acme', 'remove acme', 'add acme refund', 'set acme sensitivity high', 'source acme gnews'])(
    'T2 cannot reach T1’s plan with "%s"',
    async (command) => {
      const reply = await slash(command, T2);
      expect(reply.text.split('\n')[0]).toBe(t('en', 'cmd.error.plan_not_found', { plan: 'acme' }));
      expect(await env.app.vigie.store.plans.getById(acme.id)).toEqual(acme);
    },
  );

  it('refuses a forged button: T2 naming T1’s incident changes nothing and calls nothing', async () => {
    const start = env.fake.calls.length;
    const outboxBefore = (await env.app.vigie.store.outbox.pending()).length;
    for (const action of ['acknowledge', 'escalate', 'mute', 'not_crisis']) {
      expect(await click(action, 'inc-acme', T2)).toBe(t('en', 'cmd.error.incident_not_found'));
    }
    expect(await env.app.vigie.store.incidents.get('inc-acme')).toEqual(incidentFixture({ id: 'inc-acme', planId: acme.id }));
    expect(await env.app.vigie.store.feedback.list(acme.id)).toEqual([]);
    expect((await env.app.vigie.store.outbox.pending()).length).toBe(outboxBefore);
    expect(webApiCalls(start)).toEqual([]);
  });

  it('the same click from T1 itself is taken', async () => {
    expect(await click('acknowledge', 'inc-acme', T1)).toBe(t('en', 'cmd.action.acknowledge', { user: '<@U0ONE>' }));
    expect((await env.app.vigie.store.incidents.get('inc-acme'))?.acknowledged?.by).toBe('U0ONE');
  });

  it('alerts each plan in its own workspace, with that workspace’s token only', async () => {
    const start = env.fake.calls.length;
    for (const [incidentId, plan] of [
      ['inc-acme', acme],
      ['inc-globex', globex],
    ] as const) {
      await env.app.vigie.store.outbox.add({
        id: `open-${incidentId}`,
        incidentId,
        planId: plan.id,
        platform: 'slack',
        kind: 'open',
        payload: {},
        createdAt: T0,
        dueAt: T0,
        attempts: 0,
      });
    }
    await env.app.vigie.outbox.flush();
    const parents = webApiCalls(start).filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === undefined);
    expect(parents.map((c) => [c.args.channel, c.authorization, c.args.team_id])).toEqual(
      expect.arrayContaining([
        ['C0ONE', `Bearer ${env.fake.tokenOf('T1')}`, 'T1'],
        ['C0TWO', `Bearer ${env.fake.tokenOf('T2')}`, 'T2'],
      ]),
    );
    expect(parents).toHaveLength(2);
    for (const call of webApiCalls(start)) {
      const team = call.args.team_id as string;
      expect(call.authorization).toBe(`Bearer ${env.fake.tokenOf(team)}`);
    }
  });
});
