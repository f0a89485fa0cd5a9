import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/core/source-state.js';
import { startFeedServer } from '../fakes/feed-server.js';
import { calmThenBurst } from '../support/burst.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { testVigie } from '../support/vigie.js';

const MINUTE = 60_000;
const schema = testSchemaName('vigie_evidence');
afterAll(async () => {
  if (POSTGRES_PRESENT) await dropSchemas(schema);
});

const stores = [
  { name: 'lowdb', env: {} as Record<string, string>, skip: false },
  { name: 'PostgreSQL', env: { DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: schema, VIGIE_DB_POOL_SIZE: '2' }, skip: !POSTGRES_PRESENT },
];

/**
 * A poll counts a burst's posts in buckets the detector steps only a bucket after they end. A restart in between used
 * to lose their posts (kept in memory only): the incident's counts grew but its evidence did not, and an incident
 * opened after the restart said "Seen on: -".
 */
describe.each(stores)('the evidence of a burst across a real restart ($name)', ({ env, skip }) => {
  it.skipIf(skip)(
    'keeps every counted post as evidence, and the update after the restart shows it',
    async () => {
      let now = Date.now();
      const feeds = await startFeedServer({ items: calmThenBurst(now, { bursts: [{ endsAgo: 0, count: 60 }] }) });
      const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-evidence-'));
      try {
        const first = await testVigie(env, { dataDir, now: () => now });
        await first.watchOnly('acme', 'Acme');
        await first.say(`source acme rss ${feeds.url}/rss.xml`);
        const plan = (await first.vigie.store.plans.get(first.vigie.localContext('tester').scope, 'acme'))!;
        const key = sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`);
        await first.vigie.pipeline.poll({ planId: plan.id, sourceKey: key });
        await first.vigie.outbox.flush();
        const before = (await first.vigie.store.incidents.open(plan.id))!;
        expect(first.printed()).toMatch(/^🚨/m);
        await first.close();

        // Half an hour later, in a new process: the poll brings nothing new, the buckets counted before are stepped.
        now += 30 * MINUTE;
        const second = await testVigie(env, { dataDir, now: () => now });
        await second.vigie.pipeline.poll({ planId: plan.id, sourceKey: key });
        // What an update after the restart renders: the parent refreshed, and drafts written from the stored evidence.
        for (const kind of ['state', 'suggestions']) {
          await second.vigie.store.outbox.add({
            id: `after-restart-${kind}`,
            incidentId: before.id,
            planId: plan.id,
            platform: 'local',
            kind,
            payload: {},
            createdAt: now,
            dueAt: now,
            attempts: 0,
          });
        }
        await second.vigie.outbox.flush();
        const after = (await second.vigie.store.incidents.get(before.id))!;
        expect(after.counts.negative).toBeGreaterThan(before.counts.negative);
        const seen = after.sources.reduce((sum, s) => sum + s.negative, 0);
        expect(seen).toBe(after.counts.negative);
        const update = second.printed();
        expect(update).toContain(`Seen on: rss (blogs, ${after.counts.negative})`);
        expect(update).not.toContain('Seen on: -');
        expect(update).toContain(`Sources: rss (blog): ${after.counts.negative}`);
        expect(update).not.toContain('none yet');
        await second.close();
      } finally {
        await feeds.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
