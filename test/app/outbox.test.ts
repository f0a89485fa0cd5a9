import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/app/outbox.js';
import { createMemoryStore } from '../../src/store/lowdb.js';
import { NotifierError } from '../../src/platforms/notifier.js';
import type { AlertMessage, Notifier } from '../../src/platforms/notifier.js';
import { silentLogger } from '../../src/log.js';
import { incidentFixture, planFixture } from '../store/contract.js';
import type { OutboxItem } from '../../src/core/outbox-item.js';

function item(id: string, kind: string, at: number): OutboxItem {
  return { id, incidentId: 'i1', planId: 'p1', platform: 'slack', kind, payload: {}, createdAt: at, dueAt: at, attempts: 0 };
}

function scripted(failures: Array<NotifierError | undefined>) {
  const delivered: string[] = [];
  const notifier: Notifier = {
    platform: 'slack',
    async deliver(message: AlertMessage) {
      const failure = failures.shift();
      if (failure) throw failure;
      delivered.push(message.kind);
      return message.kind === 'open' ? { channel: 'C1', ts: '1.0' } : undefined;
    },
  };
  return { notifier, delivered };
}

async function setup(failures: Array<NotifierError | undefined>) {
  let clock = 1_000_000;
  const store = createMemoryStore();
  await store.plans.save(planFixture('p1', 'acme'));
  await store.incidents.save(incidentFixture('i1', 'p1', 0));
  const { notifier, delivered } = scripted(failures);
  const outbox = createOutbox({
    store,
    notifiers: new Map([['slack', notifier]]),
    owner: 'test',
    message: async (queued, incident, plan) => ({ kind: queued.kind as 'open', view: { incidentId: incident.id, planName: plan.name } as never }),
    now: () => clock,
    logger: silentLogger,
  });
  return { store, outbox, delivered, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('outbox', () => {
  it('delivers the parent first, then its replies, and saves the thread handle', async () => {
    const { store, outbox, delivered, now } = await setup([]);
    await store.outbox.add(item('o1', 'open', now()));
    await store.outbox.add(item('o2', 'suggestions', now()));
    expect(await outbox.flush()).toBe(2);
    expect(delivered).toEqual(['open', 'suggestions']);
    expect((await store.threads.get('i1', 'slack'))?.ref).toEqual({ channel: 'C1', ts: '1.0' });
    expect(await store.outbox.pending()).toEqual([]);
  });

  it('keeps a rate-limited alert pending until Retry-After, and its replies behind it', async () => {
    const { store, outbox, delivered, advance, now } = await setup([new NotifierError('rate_limited', '429', { retryAfterMs: 30_000 })]);
    await store.outbox.add(item('o1', 'open', now()));
    await store.outbox.add(item('o2', 'update', now()));
    expect(await outbox.flush()).toBe(0);
    expect((await store.outbox.pending()).map((o) => [o.id, o.attempts])).toEqual([
      ['o1', 1],
      ['o2', 0],
    ]);
    advance(10_000);
    expect(await outbox.flush()).toBe(0);
    advance(25_000);
    expect(await outbox.flush()).toBe(2);
    expect(delivered).toEqual(['open', 'update']);
  });

  it('never loses an alert the platform refuses for now (bot not in the channel)', async () => {
    const { store, outbox, delivered, advance, now } = await setup([new NotifierError('not_in_channel', 'not_in_channel')]);
    await store.outbox.add(item('o1', 'open', now()));
    expect(await outbox.flush()).toBe(0);
    expect((await store.outbox.pending())[0]?.lastError).toContain('not_in_channel');
    advance(16 * 60_000);
    expect(await outbox.flush()).toBe(1);
    expect(delivered).toEqual(['open']);
  });

  it('confirms without posting again an open whose parent already exists (a restart between post and confirm)', async () => {
    const { store, outbox, delivered, now } = await setup([]);
    await store.threads.save({ incidentId: 'i1', platform: 'slack', ref: { channel: 'C1', ts: '1.0' } });
    await store.outbox.add(item('o1', 'open', now()));
    await outbox.flush();
    expect(delivered).toEqual([]);
    expect(await store.outbox.pending()).toEqual([]);
  });
});
