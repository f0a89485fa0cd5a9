import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan.js';
import { incidentFixture } from '../store/contract.js';
import { testVigie, type TestVigie } from '../support/vigie.js';

const MIN = 60_000;
// Thursday 5 March 2026, 10:00 UTC: 10:00 in Casablanca (Ramadan time, UTC+0).
const T0 = Date.UTC(2026, 2, 5, 10, 0);

/** A plan with reminders, and an open alerted incident whose parent is posted on the terminal. */
async function alerted(app: TestVigie, id: string, level: 'medium' | 'critical' = 'medium'): Promise<Plan> {
  await app.watchOnly(`plan-${id}`, 'Acme');
  await app.say(`set plan-${id} escalation @amina @karim`);
  expect((await app.say(`set plan-${id} remind 15m medium`)).text).toContain('remind is now 15m medium');
  const plan = (await app.vigie.store.plans.get(app.vigie.localContext().scope, `plan-${id}`))!;
  const incident = incidentFixture(id, plan.id, T0 - 5 * MIN);
  await app.vigie.store.incidents.save({ ...incident, severity: { ...incident.severity, level }, alertedAt: T0 });
  await app.vigie.store.outbox.add({
    id: `${id}-open`,
    incidentId: id,
    planId: plan.id,
    platform: 'local',
    kind: 'open',
    payload: {},
    createdAt: T0,
    dueAt: T0,
    attempts: 0,
  });
  await app.vigie.outbox.flush();
  return plan;
}

describe('reminders that escalate (local mode)', () => {
  let dataDir: string;
  let clock = T0;
  let app: TestVigie;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-remind-'));
    app = await testVigie({}, { now: () => clock, dataDir });
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reminds in the thread after 15 minutes, then messages each contact, each step once, across a restart', async () => {
    await alerted(app, 'inc-a');
    clock = T0 + 10 * MIN;
    expect(await app.vigie.reminders.check()).toBe(0);
    clock = T0 + 16 * MIN;
    expect(await app.vigie.reminders.check()).toBe(1);
    expect(await app.vigie.reminders.check()).toBe(0);
    await app.vigie.outbox.flush();
    expect(app.printed()).toContain('Reminder: this Medium alert of *plan-inc-a* has had no acknowledgement for 15 min. @amina @karim');

    // A restart on the same data folder: the step already queued is not queued again.
    await app.close();
    app = await testVigie({}, { now: () => clock, dataDir });
    expect(await app.vigie.reminders.check()).toBe(0);
    clock = T0 + 31 * MIN;
    expect(await app.vigie.reminders.check()).toBe(2);
    await app.vigie.outbox.flush();
    expect(app.printed()).toContain(
      '✉️ @amina: ⏰ Vigie: a Medium alert of *plan-inc-a* (30 negative mentions) has had no acknowledgement for 30 min.',
    );
    expect(app.printed()).toContain('✉️ @karim:');
    await app.close();
    app = await testVigie({}, { now: () => clock, dataDir });
    clock = T0 + 50 * MIN;
    expect(await app.vigie.reminders.check()).toBe(0);
    const reminders = (await app.vigie.store.exportAll()).outbox.filter((o) => o.id.startsWith('remind|inc-a|'));
    expect(reminders.map((o) => o.id).sort()).toEqual(['remind|inc-a|1', 'remind|inc-a|2|amina', 'remind|inc-a|2|karim']);
  });

  it('stops when someone acknowledges, even for a reminder already waiting', async () => {
    clock = T0;
    await alerted(app, 'inc-b');
    clock = T0 + 16 * MIN;
    expect(await app.vigie.reminders.check()).toBe(1);
    expect((await app.say('act inc-b acknowledge')).reply.ok).toBe(true);
    const before = app.printed();
    await app.vigie.outbox.flush();
    expect(app.printed().slice(before.length)).not.toContain('Reminder');
    expect(app.printed().slice(before.length)).toContain('Acknowledged');
    clock = T0 + 40 * MIN;
    expect(await app.vigie.reminders.check()).toBe(0);
  });

  it('waits for the end of quiet hours that begin after the alert, except for a critical alert', async () => {
    clock = T0;
    const quiet = await alerted(app, 'inc-c');
    const critical = await alerted(app, 'inc-d', 'critical');
    for (const plan of [quiet, critical]) await app.say(`set ${plan.name} quiet 10:10-18:00 Africa/Casablanca`);
    clock = T0 + 16 * MIN;
    expect(await app.vigie.reminders.check()).toBe(2);
    const pending = (await app.vigie.store.outbox.pending()).filter((o) => o.kind === 'remind');
    expect(pending.find((o) => o.incidentId === 'inc-c')?.dueAt).toBe(Date.UTC(2026, 2, 5, 18, 0));
    expect(pending.find((o) => o.incidentId === 'inc-d')?.dueAt).toBe(clock);
  });
});

describe('set <plan> remind', () => {
  let app: TestVigie;
  beforeAll(async () => {
    app = await testVigie();
  });
  afterAll(async () => {
    await app.close();
  });

  it('takes a delay and a severity, shows them, and refuses anything else in the plan’s language', async () => {
    await app.watchOnly('acme', 'Acme');
    expect((await app.say('set acme remind 30m')).text).toContain('remind is now 30m high');
    expect((await app.say('show acme')).text).toContain('reminders: after 30m for high alerts and above');
    // A reply about a plan is in the plan's language.
    await app.say('set acme locale fr');
    const refused = await app.say('set acme remind soon');
    expect(refused.reply.ok).toBe(false);
    expect(refused.text).toContain("« soon » n'est pas valide pour remind");
    await app.say('set acme locale en');
    expect((await app.say('set acme remind off')).text).toContain('remind is now off');
    expect((await app.vigie.store.plans.get(app.vigie.localContext().scope, 'acme'))?.remind).toBeUndefined();
  });
});
