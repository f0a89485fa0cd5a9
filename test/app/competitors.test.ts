import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitorKey } from '../../src/core/competitors.js';
import type { Mention } from '../../src/core/mention.js';
import { testVigie, type TestVigie } from '../support/vigie.js';
import { incidentFixture, planFixture } from '../store/contract.js';
import { createAlertQueue } from '../../src/app/alerts.js';
import { releaseTime } from '../../src/core/incident/quiet-hours.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStore } from '../../src/store/lowdb.js';

const NOW = Date.UTC(2026, 2, 5, 12, 0);

const mention = (id: string, text: string, minutesAgo: number): Mention => ({
  id,
  sourceKind: 'rss',
  url: `https://news.example/${id}`,
  author: 'someone',
  text,
  publishedAt: NOW - minutesAgo * 60_000,
});

describe('competitors counted (local mode)', () => {
  let app: TestVigie;
  beforeAll(async () => {
    app = await testVigie({}, { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
  });

  it('keeps competitor-only mentions per competitor and shows share of voice in `show`', async () => {
    await app.watchOnly('acme', 'Acme');
    expect((await app.say('competitor acme Globex OR "Initech Air"')).text).toContain('Globex OR "Initech Air"');
    expect((await app.say('set acme competitor-alerts on')).text).toContain('competitor-alerts is now on');
    const plan = (await app.vigie.store.plans.get(app.vigie.localContext().scope, 'acme'))!;
    const report = await app.vigie.pipeline.ingest(
      plan,
      `${plan.id}|test|feed`,
      [
        mention('a1', 'Acme flight was lovely, great crew', 50),
        mention('a2', 'Acme app works well', 40),
        mention('g1', 'Globex lost my luggage, terrible service, furious', 30),
        mention('g2', 'Globex cancelled my flight, awful and disgraceful', 20),
        mention('g3', 'Globex opens a new lounge', 10),
        mention('i1', 'Initech Air adds a route to Agadir', 5),
      ],
      NOW,
    );
    // The brand's counts hold its own two mentions; the four competitor mentions are counted apart.
    expect(report.matched).toBe(2);
    const globex = await app.vigie.store.buckets.range(competitorKey(plan.id, 'Globex'), 0, NOW + 1);
    expect(globex.reduce((n, b) => n + b.total, 0)).toBe(3);
    const shown = (await app.say('show acme')).text;
    expect(shown).toContain('competitor alerts: on');
    expect(shown).toContain('share of voice, last 7 days');
    expect(shown).toMatch(/Acme \(brand\): 2, 33%, \d+% negative/);
    expect(shown).toMatch(/Globex: 3, 50%, 67% negative/);
    expect(shown).toMatch(/Initech Air: 1, 17%, \d+% negative/);
    // A reply about a plan is in the plan's language.
    await app.say('set acme locale fr');
    const french = (await app.say('show acme')).text;
    expect(french).toContain('part de voix');
    await app.say('set acme locale ar');
    const arabic = (await app.say('show acme')).text;
    expect(arabic).toContain('حصة الحضور');
    await app.say('set acme locale en');
    expect(arabic).toMatch(/Globex\u2069: \u2068?3\u2069?، /);
  });

  it('posts a competitor’s own crisis as context, once, never as an opportunity', async () => {
    const plan = (await app.vigie.store.plans.get(app.vigie.localContext().scope, 'acme'))!;
    const key = competitorKey(plan.id, 'Globex');
    await app.vigie.store.incidents.save(incidentFixture('rival-1', key, NOW - 10 * 60_000));
    const item = { incidentId: 'rival-1', planId: plan.id, platform: 'local' as const, kind: 'competitor', payload: { competitor: 'Globex' } };
    await app.vigie.store.outbox.add({ ...item, id: 'c1', createdAt: NOW, dueAt: NOW, attempts: 0 });
    await app.vigie.store.outbox.add({ ...item, id: 'c2', createdAt: NOW, dueAt: NOW, attempts: 0 });
    await app.vigie.outbox.flush();
    const printed = app.printed();
    expect(printed).toContain('Context for acme: Globex, a competitor you watch, has its own incident');
    expect(printed).toContain("A competitor's incident may spill over");
    expect(printed.split('Globex, a competitor you watch').length - 1).toBe(1);
    expect(printed).not.toMatch(/opportunit|advantage|capitali[sz]e/i);
  });

  it('refuses a value other than on or off', async () => {
    const refused = await app.say('set acme competitor-alerts maybe');
    expect(refused.reply.ok).toBe(false);
    expect(refused.text).toContain('on or off');
  });
});

describe('a competitor’s crisis in the alert queue', () => {
  it('is queued once when it opens live, held by quiet hours even when critical, never for past history', async () => {
    const store = createMemoryStore({ seenMs: 1, bucketMs: 1, incidentMs: 1 });
    let ids = 0;
    const queue = createAlertQueue({
      store,
      newId: () => `item-${++ids}`,
      releaseAt: (plan, at, incident) => releaseTime(plan.quietHours, at, incident.severity.level),
      charts: false,
      logger: silentLogger,
    });
    // 23:00 in Casablanca (UTC+1 outside Ramadan): inside the plan's quiet hours.
    const night = Date.UTC(2026, 0, 14, 22, 0);
    const plan = { ...planFixture('p1', 'acme'), quietHours: { start: '22:00', end: '07:00', timeZone: 'Africa/Casablanca' } };
    const base = incidentFixture('rival', competitorKey('p1', 'Globex'), night);
    const rival = { ...base, severity: { ...base.severity, level: 'critical' as const } };
    const history = await queue.onCompetitorEvents(plan, 'Globex', rival, [{ type: 'opened', historical: true }], false, night);
    expect(history.alertedAt).toBeUndefined();
    const opened = await queue.onCompetitorEvents(plan, 'Globex', rival, [{ type: 'opened', historical: false }], true, night);
    expect(opened.alertedAt).toBe(night);
    const again = await queue.onCompetitorEvents(plan, 'Globex', opened, [{ type: 'updated', historical: false }], true, night + 300_000);
    expect(again).toBe(opened);
    const pending = await store.outbox.pending();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'competitor', planId: 'p1', incidentId: 'rival', payload: { competitor: 'Globex' } });
    expect(pending[0]!.dueAt).toBe(Date.UTC(2026, 0, 15, 6, 0));
  });
});
