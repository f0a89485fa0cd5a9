import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/app/outbox.js';
import { buildAlertView } from '../../../src/core/alert-view.js';
import type { Incident } from '../../../src/core/incident/incident.js';
import type { OutboxItem } from '../../../src/core/outbox-item.js';
import type { Plan } from '../../../src/core/plan.js';
import { silentLogger } from '../../../src/log.js';
import type { AlertMessage } from '../../../src/platforms/notifier.js';
import { PARENT_EVENT } from '../../../src/platforms/slack/notifier.js';
import { createPostgresStore } from '../../../src/store/postgres.js';
import type { Store } from '../../../src/store/store.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { dropSchemas, POSTGRES_PRESENT, TEST_DATABASE_URL, testSchemaName } from '../../support/postgres.js';
import { T0, incidentFixture, planFixture, suggestion } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { RecordingCommands } from './recording-commands.js';

const CHANNEL = 'C0ALERTS';

async function messageOf(item: OutboxItem, incident: Incident, plan: Plan): Promise<AlertMessage | undefined> {
  const view = buildAlertView(incident, plan);
  if (item.kind === 'open') return { kind: 'open', view };
  if (item.kind === 'suggestions') return { kind: 'suggestions', view, suggestion: suggestion() };
  return undefined;
}

/** One instance: its own store connection, Slack adapter and outbox, on the shared PostgreSQL schema. */
interface Instance {
  name: string;
  store: Store;
  harness: Harness;
  outbox: ReturnType<typeof createOutbox>;
  stop(): Promise<void>;
}

describe.skipIf(!POSTGRES_PRESENT)('the crash window of a Slack parent, on PostgreSQL', () => {
  const schema = testSchemaName('vigie_crash_window');
  const clock = { now: T0 };
  let fake: FakeSlack;
  let instances: Instance[] = [];

  async function instance(name: string): Promise<Instance> {
    const store = await createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 2 });
    const harness = await startHarness({ commands: new RecordingCommands(), store, fake });
    const outbox = createOutbox({
      store,
      notifiers: new Map([['slack', harness.adapter.notifier]]),
      owner: name,
      message: messageOf,
      now: () => clock.now,
      logger: silentLogger,
    });
    const started: Instance = {
      name,
      store,
      harness,
      outbox,
      stop: async () => {
        await outbox.stop();
        await harness.close();
        await store.close();
      },
    };
    instances.push(started);
    return started;
  }

  async function enqueue(store: Store, id: string, kind: string): Promise<void> {
    await store.outbox.add({
      id,
      incidentId: 'inc-1',
      planId: 'plan-1',
      platform: 'slack',
      kind,
      payload: {},
      createdAt: clock.now,
      dueAt: clock.now,
      attempts: 0,
    });
  }

  const parents = () => fake.channelMessages(CHANNEL).filter((m) => m.threadTs === undefined);

  beforeEach(async () => {
    clock.now = T0;
    fake = await startFakeSlack();
    fake.clock = () => clock.now;
    instances = [];
  });
  afterEach(async () => {
    for (const running of instances) await running.stop();
    await fake.close();
    await dropSchemas(schema);
  });

  it('adopts the parent Slack accepted before the connection dropped: exactly one parent after the retry', async () => {
    const a = await instance('A');
    await a.store.plans.save(planFixture());
    await a.store.incidents.save(incidentFixture());
    await enqueue(a.store, 'o-open', 'open');
    await enqueue(a.store, 'o-drafts', 'suggestions');

    fake.fail('chat.postMessage', { dropAfterDoing: true });
    expect(await a.outbox.flush()).toBe(0);
    // Slack posted it once (the client does not retry a parent by itself), the answer never came back.
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(parents()).toHaveLength(1);
    expect(parents()[0]?.metadata).toEqual({ event_type: PARENT_EVENT, event_payload: { incident_id: 'inc-1' } });
    expect(await a.store.threads.get('inc-1', 'slack')).toBeUndefined();
    const pending = (await a.store.outbox.pending()).find((o) => o.id === 'o-open')!;
    expect(pending.lastError).toMatch(/^unavailable/);
    expect(pending.payload.firstTriedAt).toBe(T0);

    // The retry, by another instance: it looks first, finds the parent by its incident id, and adopts it.
    clock.now = pending.dueAt + 1;
    const b = await instance('B');
    expect(await b.outbox.flush()).toBe(2);
    expect(parents()).toHaveLength(1);
    const ts = parents()[0]!.ts;
    expect(await b.store.threads.get('inc-1', 'slack')).toMatchObject({ ref: { channel: CHANNEL, ts } });
    const search = fake.callsOf('conversations.history');
    expect(search).toHaveLength(1);
    expect(search[0]?.args).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true', oldest: ((T0 - 120_000) / 1000).toFixed(6) });
    expect(fake.callsOf('chat.update').at(-1)?.args).toMatchObject({ channel: CHANNEL, ts, metadata: { event_type: PARENT_EVENT } });
    const replies = fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts !== undefined);
    expect(replies.map((c) => c.args.thread_ts)).toEqual([ts]);
    expect(b.harness.logs.lines.some((l) => l.msg === 'unconfirmed slack parent found in the channel and adopted, not posted again')).toBe(true);
  });

  it('adopts the parent of an instance that died after Slack accepted it, once its lease has run out', async () => {
    const a = await instance('A');
    await a.store.plans.save(planFixture());
    await a.store.incidents.save(incidentFixture());
    await enqueue(a.store, 'o-open', 'open');

    // A claims and posts; Slack accepts; A dies before it hears back (nothing confirmed, nothing retried).
    const [claimed] = await a.store.outbox.claim('A', clock.now, 60_000, 10);
    expect(claimed?.id).toBe('o-open');
    fake.fail('chat.postMessage', { dropAfterDoing: true });
    await expect(
      a.harness.adapter.notifier.deliver(
        { kind: 'open', view: buildAlertView(incidentFixture(), planFixture()) },
        planFixture().destination,
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(parents()).toHaveLength(1);

    const b = await instance('B');
    clock.now += 30_000;
    expect(await b.outbox.flush()).toBe(0);
    clock.now += 31_000;
    expect(await b.outbox.flush()).toBe(1);
    expect(parents()).toHaveLength(1);
    expect((await b.store.threads.get('inc-1', 'slack'))?.ref.ts).toBe(parents()[0]!.ts);
  });

  it('posts the parent when the earlier try never reached Slack, and when Slack will not show the history', async () => {
    const a = await instance('A');
    await a.store.plans.save(planFixture());
    await a.store.incidents.save(incidentFixture());
    await enqueue(a.store, 'o-open', 'open');
    fake.fail('chat.postMessage', { status: 503 });
    expect(await a.outbox.flush()).toBe(0);
    expect(parents()).toHaveLength(0);

    // The search finds nothing (the 503 posted nothing) and Slack refuses it for lack of scope: either way, post.
    fake.fail('conversations.history', { error: 'missing_scope' });
    clock.now += 10 * 60_000;
    expect(await a.outbox.flush()).toBe(1);
    expect(parents()).toHaveLength(1);
    expect(a.harness.logs.lines.some((l) => l.msg === 'cannot look for an unconfirmed slack parent; posting it (it may appear twice)')).toBe(true);
    expect(fake.callsOf('conversations.history')).toHaveLength(1);
  });
});
