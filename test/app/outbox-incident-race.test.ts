import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/app/outbox.js';
import { silentLogger } from '../../src/log.js';
import type { Notifier } from '../../src/platforms/notifier.js';
import { createMemoryStore } from '../../src/store/lowdb.js';
import { incidentFixture, planFixture } from '../store/contract.js';

describe('outbox and an incident saved after its messages', () => {
  it('waits for the incident instead of dropping its parent alert, then posts it once', async () => {
    const store = createMemoryStore();
    let now = 1_000_000;
    const posted: string[] = [];
    const notifier: Notifier = {
      platform: 'slack',
      async deliver(message) {
        posted.push(message.kind);
        return message.kind === 'open' ? { channel: 'C1', ts: '1.1' } : undefined;
      },
    };
    const outbox = createOutbox({
      store,
      notifiers: new Map([['slack', notifier]]),
      owner: 'A',
      message: async (_item, incident) => ({ kind: 'open', view: { incidentId: incident.id } as never }),
      now: () => now,
      logger: silentLogger,
    });
    await store.plans.save(planFixture('p1', 'acme'));
    // The message is visible before its incident (not one transaction).
    await store.outbox.add({
      id: 'o1',
      incidentId: 'i1',
      planId: 'p1',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: now,
      dueAt: now,
      attempts: 0,
    });
    expect(await outbox.flush()).toBe(0);
    expect((await store.outbox.pending()).map((o) => [o.id, o.lastError])).toEqual([['o1', 'waiting for its incident to be saved']]);
    await store.incidents.save(incidentFixture('i1', 'p1', now));
    now += 1_000;
    expect(await outbox.flush()).toBe(1);
    now += 60_000;
    expect(await outbox.flush()).toBe(0);
    expect(posted).toEqual(['open']);
    expect(await store.threads.get('i1', 'slack')).toMatchObject({ ref: { channel: 'C1', ts: '1.1' } });
  });

  it('still drops the messages of a plan that was removed', async () => {
    const store = createMemoryStore();
    const outbox = createOutbox({
      store,
      notifiers: new Map(),
      owner: 'A',
      message: async () => undefined,
      now: () => 5_000,
      logger: silentLogger,
    });
    await store.outbox.add({
      id: 'o1',
      incidentId: 'i1',
      planId: 'gone',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: 5_000,
      dueAt: 5_000,
      attempts: 0,
    });
    await outbox.flush();
    expect(await store.outbox.pending()).toEqual([]);
  });
});
