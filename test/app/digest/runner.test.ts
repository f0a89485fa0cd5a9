import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DigestView } from '../../../src/core/digest/view.js';
import type { Destination } from '../../../src/core/plan.js';
import { digestMarkerKey } from '../../../src/app/digest/runner.js';
import { competitorKey } from '../../../src/core/competitors.js';
import { incidentFixture } from '../../platforms/slack/fixtures.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../../support/postgres.js';
import { type TestVigie, testVigie } from '../../support/vigie.js';

const HOUR = 3_600_000;
const CREATED = Date.UTC(2026, 11, 1, 12);
const DUE = Date.UTC(2026, 11, 3, 8, 31);

/** A plan `acme` with a daily 08:30 digest, a day of mentions before the period and a noisier one in it, one incident. */
async function seed(bot: TestVigie, schedule = 'daily 08:30'): Promise<string> {
  await bot.watchOnly('acme', 'Acme');
  expect((await bot.say(`set acme digest ${schedule}`)).reply.ok).toBe(true);
  const plan = (await bot.vigie.store.plans.get({ platform: 'local', workspace: 'local' }, 'acme'))!;
  const buckets = [];
  for (let h = 0; h < 24; h += 1) {
    buckets.push({ start: Date.UTC(2026, 11, 1, 8, 30) + h * HOUR, total: 10, negative: 1, engagement: 0 });
    buckets.push({ start: Date.UTC(2026, 11, 2, 8, 30) + h * HOUR, total: 12, negative: h === 20 ? 30 : 2, engagement: 0 });
  }
  await bot.vigie.store.buckets.add(plan.id, buckets);
  const at = Date.UTC(2026, 11, 3, 4, 30);
  const incident = incidentFixture({ id: 'inc-d', planId: plan.id, openedAt: at, lastBucketAt: at, status: 'open', alertedAt: at + 60_000 });
  const samples = incident.samples.map((s) => ({ ...s, publishedAt: at }));
  await bot.vigie.store.incidents.save({ ...incident, samples, acknowledged: { by: 'amina', at: at + 13 * 60_000 } });
  return plan.id;
}

const digestsPrinted = (bot: TestVigie): number => bot.printed().match(/^📰 /gm)?.length ?? 0;

describe('digests', () => {
  const clock = { now: CREATED };
  const now = () => clock.now;

  it('on lowdb: posted once for its period, not again after a restart, skipped when nothing happened unless "always"', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-digest-'));
    try {
      clock.now = CREATED;
      const first = await testVigie({}, { now, dataDir });
      await seed(first);
      clock.now = DUE;
      expect(await first.vigie.digests.tick()).toBe(1);
      expect(await first.vigie.digests.tick()).toBe(0);
      const text = first.printed();
      expect(digestsPrinted(first)).toBe(1);
      expect(text).toContain('📰 Daily digest of acme: Wed 2 Dec, 08:30 → Thu 3 Dec, 08:30');
      expect(text).toContain('288 mentions (+48 on the previous period), 76 negative: 26% negative vs 10% before');
      expect(text).toContain('Incidents: 1 opened, 0 resolved, 1 still open; median time to acknowledge 12 min');
      expect(text).toMatch(/Negative mentions per hour: [▁-█]{24} \(top 30\)/);
      expect(text).toContain('Sources that moved (negative posts kept as evidence, before → now): reddit 0 → 1, x 0 → 1');
      expect(text).toContain('Top negative posts:');
      // No competitor watched: no share of voice.
      expect(text).not.toContain('Share of voice');
      await first.close();

      const second = await testVigie({}, { now, dataDir });
      expect(await second.vigie.digests.tick()).toBe(0);
      expect(digestsPrinted(second)).toBe(0);
      // The next day nothing happened (no negative mention, the incident resolved before): skipped, not empty.
      const incident = (await second.vigie.store.incidents.get('inc-d'))!;
      await second.vigie.store.incidents.save({ ...incident, status: 'resolved', resolvedAt: Date.UTC(2026, 11, 3, 8, 0) });
      clock.now = DUE + 24 * HOUR;
      expect(await second.vigie.digests.tick()).toBe(0);
      expect(digestsPrinted(second)).toBe(0);
      expect(await second.vigie.store.detector.get(digestMarkerKey(incident.planId))).toMatchObject({ doneTo: Date.UTC(2026, 11, 4, 8, 30) });
      await second.say('set acme digest daily 08:30 always');
      clock.now = DUE + 48 * HOUR;
      expect(await second.vigie.digests.tick()).toBe(1);
      expect(second.printed()).toContain('0 mentions (0 on the previous period), 0 negative');
      expect((await second.say('set acme digest off')).reply.ok).toBe(true);
      clock.now = DUE + 72 * HOUR;
      expect(await second.vigie.digests.tick()).toBe(0);
      await second.say('remove acme');
      expect(await second.vigie.store.detector.get(digestMarkerKey(incident.planId))).toBeUndefined();
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('with competitors: share of voice over the period; the period cut at the plan’s local time (VIGIE_TIMEZONE)', async () => {
    clock.now = CREATED;
    const bot = await testVigie({ VIGIE_TIMEZONE: 'Europe/Paris' }, { now });
    try {
      const planId = await seed(bot);
      expect((await bot.say('competitor acme Globex')).reply.ok).toBe(true);
      const globex = Array.from({ length: 24 }, (_, h) => ({ start: Date.UTC(2026, 11, 2, 7, 30) + h * HOUR, total: 4, negative: 1, engagement: 0 }));
      await bot.vigie.store.buckets.add(competitorKey(planId, 'Globex'), globex);
      clock.now = DUE;
      expect(await bot.vigie.digests.tick()).toBe(1);
      const text = bot.printed();
      // 08:30 in Paris is 07:30 UTC: the period is Dec 2 07:30 → Dec 3 07:30 UTC, shown in Paris time.
      expect(text).toContain('📰 Daily digest of acme: Wed 2 Dec, 08:30 → Thu 3 Dec, 08:30');
      expect(text).toContain('286 mentions (+56 on the previous period), 75 negative: 26% negative vs 10% before');
      expect(text).toContain('Share of voice (mentions, share of all, negative share):');
      expect(text).toContain('• Acme (brand): 286, 75%, 26% negative');
      expect(text).toContain('• Globex: 96, 25%, 25% negative');
    } finally {
      await bot.close();
    }
  });

  it('a failed post is tried again at the next tick', async () => {
    clock.now = CREATED;
    const bot = await testVigie({}, { now });
    try {
      await seed(bot);
      clock.now = DUE;
      const local = bot.vigie.notifiers.get('local')!;
      const post = local.postDigest!.bind(local);
      let failures = 1;
      local.postDigest = async (digest: DigestView, destination: Destination) => {
        if (failures-- > 0) throw new Error('terminal unplugged');
        return post(digest, destination);
      };
      expect(await bot.vigie.digests.tick()).toBe(0);
      expect(await bot.vigie.digests.tick()).toBe(1);
      expect(digestsPrinted(bot)).toBe(1);
    } finally {
      await bot.close();
    }
  });

  describe.skipIf(!POSTGRES_PRESENT)('on PostgreSQL', () => {
    const schema = testSchemaName('vigie_digest');
    afterAll(async () => {
      await dropSchemas(schema);
    });

    it('two instances ticking together post one digest between them', async () => {
      const env = { DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: schema, VIGIE_DB_POOL_SIZE: '2' };
      clock.now = CREATED;
      const a = await testVigie(env, { now });
      const b = await testVigie(env, { now });
      try {
        await seed(a);
        clock.now = DUE;
        const posted = await Promise.all([a.vigie.digests.tick(), b.vigie.digests.tick(), a.vigie.digests.tick(), b.vigie.digests.tick()]);
        expect(posted.reduce((x, y) => x + y, 0)).toBe(1);
        expect(digestsPrinted(a) + digestsPrinted(b)).toBe(1);
        const c = await testVigie(env, { now });
        try {
          expect(await c.vigie.digests.tick()).toBe(0);
        } finally {
          await c.close();
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
