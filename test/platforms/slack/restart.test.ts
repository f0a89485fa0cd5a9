import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/app/outbox.js';
import { buildAlertView } from '../../../src/core/alert-view.js';
import type { Incident } from '../../../src/core/incident/incident.js';
import type { Plan } from '../../../src/core/plan.js';
import { silentLogger } from '../../../src/log.js';
import type { AlertMessage } from '../../../src/platforms/notifier.js';
import { createLowdbStore } from '../../../src/store/lowdb.js';
import type { Store } from '../../../src/store/store.js';
import type { OutboxItem } from '../../../src/core/outbox-item.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { T0, incidentFixture, planFixture, suggestion } from './fixtures.js';
import { startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';

/** What the outbox delivers for each queued kind (the app builds the same from the incident at delivery time). */
async function messageOf(item: OutboxItem, incident: Incident, plan: Plan): Promise<AlertMessage | undefined> {
  const view = buildAlertView(incident, plan);
  if (item.kind === 'open' || item.kind === 'state' || item.kind === 'resolve') return { kind: item.kind, view };
  if (item.kind === 'update') return { kind: 'update', view, previous: { stage: 2, severity: 50, negative: 30 } };
  if (item.kind === 'suggestions') return { kind: 'suggestions', view, suggestion: suggestion() };
  return undefined;
}

let seq = 0;
async function enqueue(store: Store, kind: string, at: number): Promise<void> {
  seq += 1;
  await store.outbox.add({
    id: `o${seq}`,
    incidentId: 'inc-1',
    planId: 'plan-1',
    platform: 'slack',
    kind,
    payload: {},
    createdAt: at,
    dueAt: at,
    attempts: 0,
  });
}

/** One process: the Slack adapter and the outbox on the store in `dir`. */
async function boot(dir: string, fake: FakeSlack, clock: { now: number }) {
  const store = await createLowdbStore(dir);
  const harness = await startHarness({ commands: new RecordingCommands(), store, fake });
  const outbox = createOutbox({
    store,
    notifiers: new Map([['slack', harness.adapter.notifier]]),
    owner: `test-${dir}-${Math.random()}`,
    message: messageOf,
    now: () => clock.now,
    logger: silentLogger,
  });
  return {
    store,
    harness,
    outbox,
    stop: async () => {
      await outbox.stop();
      await harness.close();
      await store.close();
    },
  };
}

describe('a restart in the middle of an incident', () => {
  let fake: FakeSlack;
  let dir: string;
  let cleanup: () => Promise<void>;
  const clock = { now: T0 };

  beforeAll(async () => {
    fake = await startFakeSlack();
    const temp = await tempStore();
    dir = temp.dir;
    cleanup = temp.cleanup;
    await temp.store.plans.save(planFixture());
    await temp.store.incidents.save(incidentFixture());
    await temp.store.close();
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });

  it('keeps the thread: no second parent, later messages land in the first thread', async () => {
    const first = await boot(dir, fake, clock);
    await enqueue(first.store, 'open', clock.now);
    await enqueue(first.store, 'suggestions', clock.now);
    expect(await first.outbox.flush()).toBe(2);
    const parent = fake.callsOf('chat.postMessage')[0]!;
    const ts = parent.response?.ts as string;
    await first.stop();

    // Crash between posting the parent and confirming it: the 'open' is still pending after the restart.
    clock.now += 60_000;
    const second = await boot(dir, fake, clock);
    await enqueue(second.store, 'open', clock.now);
    await enqueue(second.store, 'update', clock.now);
    await second.outbox.flush();
    // The notifier itself also refuses to post a second parent when asked to open a thread that exists.
    const again = await second.harness.adapter.notifier.deliver(
      { kind: 'open', view: buildAlertView(incidentFixture(), planFixture()) },
      planFixture().destination,
      undefined,
    );
    await second.stop();

    const posts = fake.callsOf('chat.postMessage');
    expect(posts.filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
    expect(posts.slice(1).map((c) => c.args.thread_ts)).toEqual([ts, ts]);
    expect(again).toEqual({ channel: 'C0ALERTS', ts });
    expect(fake.callsOf('chat.update').at(-1)?.args).toMatchObject({ channel: 'C0ALERTS', ts });
  });

  it('keeps an alert pending through an outage and posts it when Slack answers again', async () => {
    const node = await boot(dir, fake, clock);
    fake.fail('chat.postMessage', { status: 500 }, 3);
    clock.now += 60_000;
    await enqueue(node.store, 'resolve', clock.now);
    expect(await node.outbox.flush()).toBe(0);
    const pending = (await node.store.outbox.pending()).find((i) => i.kind === 'resolve');
    expect(pending?.lastError).toMatch(/^unavailable/);

    clock.now = (pending?.dueAt ?? clock.now) + 1;
    expect(await node.outbox.flush()).toBe(1);
    expect((await node.store.outbox.pending()).some((i) => i.kind === 'resolve')).toBe(false);
    await node.stop();
  });
});
