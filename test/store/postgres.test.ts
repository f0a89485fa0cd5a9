import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createPostgresStore } from '../../src/store/postgres.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import type { Store } from '../../src/store/store.js';
import { planFixture, storeContract } from './contract.js';

storeContract(
  'postgres',
  async () => {
    const schema = testSchemaName();
    const open = () => createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 4 });
    const store = await open();
    return {
      store,
      reopen: open,
      cleanup: async () => {
        await store.close().catch(() => undefined);
        await dropSchemas(schema);
      },
    };
  },
  { skip: !POSTGRES_PRESENT },
);

describe.skipIf(!POSTGRES_PRESENT)('postgres store shared by several instances', () => {
  const schema = testSchemaName();
  const open = (name: string) => createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 4, applicationName: name });
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    [a, b] = await Promise.all([open('vigie-a'), open('vigie-b')]);
  });
  afterAll(async () => {
    await Promise.allSettled([a.close(), b.close()]);
    await dropSchemas(schema);
  });

  it('serialises work on one plan across instances, and not across plans', async () => {
    const order: string[] = [];
    const hold = (store: Store, planId: string, name: string, ms: number) =>
      store.withPlanLock(planId, async () => {
        order.push(`${name}-start`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name}-end`);
      });
    const first = hold(a, 'shared', 'a', 800);
    await new Promise((r) => setTimeout(r, 30));
    await Promise.all([first, hold(b, 'shared', 'b', 1), hold(b, 'other', 'c', 1)]);
    expect(order.indexOf('b-start')).toBeGreaterThan(order.indexOf('a-end'));
    expect(order.indexOf('c-end')).toBeLessThan(order.indexOf('a-end'));
  });

  it('keeps names unique per workspace when two instances create the same plan at once', async () => {
    const results = await Promise.allSettled([a.plans.save(planFixture('race-1', 'Race')), b.plans.save(planFixture('race-2', 'race'))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'duplicate_name' } });
  });

  it('gives each seen id to one instance only', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    const [fromA, fromB] = await Promise.all([a.seen.markNew('race|rss|x', ids, 1), b.seen.markNew('race|rss|x', [...ids].reverse(), 1)]);
    expect([...fromA, ...fromB].sort()).toEqual([...ids].sort());
  });

  it('adds bucket counts from several instances without losing any', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).buckets.add('race', [{ start: 0, total: 1, negative: 1, engagement: 2 }])),
    );
    expect(await a.buckets.range('race', 0, 1)).toEqual([{ start: 0, total: 20, negative: 20, engagement: 40 }]);
  });

  it('lets another instance take over a message whose owner died after claiming it', async () => {
    await a.outbox.add({
      id: 'crash-1',
      incidentId: 'crash',
      planId: 'p',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: 1,
      dueAt: 1,
      attempts: 0,
    });
    expect((await a.outbox.claim('dead-instance', 1000, 60_000, 10)).map((o) => o.id)).toEqual(['crash-1']);
    expect(await b.outbox.claim('survivor', 30_000, 60_000, 10)).toEqual([]);
    expect((await b.outbox.claim('survivor', 61_001, 60_000, 10)).map((o) => [o.id, o.claimedBy])).toEqual([['crash-1', 'survivor']]);
  });
});
