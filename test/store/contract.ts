import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan.js';
import type { Incident, Sample } from '../../src/core/incident/incident.js';
import type { Store } from '../../src/store/store.js';
import type { OutboxItem } from '../../src/core/outbox-item.js';
import { newPlan } from '../../src/core/commands/plan-edits.js';
import type { Correction } from '../../src/core/corrections/correction.js';

export function correctionFixture(postId: string, planId: string, workspace = 'T1', at = 1_000): Correction {
  return {
    scope: { platform: 'slack', workspace },
    postId,
    planId,
    incidentId: `${planId}-open`,
    text: `post ${postId}: the flight was fine in the end`,
    lang: 'en',
    label: 'neutral',
    previous: 'negative',
    by: 'U1',
    at,
  };
}
import { competitorKey } from '../../src/core/competitors.js';
import { PENDING_SAMPLES_MS } from '../../src/store/retention.js';

export function planFixture(id: string, name: string, workspace = 'T1'): Plan {
  return newPlan({
    id,
    name,
    brand: 'Acme',
    scope: { platform: 'slack', workspace },
    destination: { platform: 'slack', workspace, channel: 'C1' },
    locale: 'en',
    by: 'U1',
    at: 1_700_000_000_000,
  });
}

export function sampleFixture(id: string, publishedAt: number): Sample {
  return {
    id,
    sourceKind: 'x',
    url: `https://x.com/u/status/${id}`,
    author: `author-${id}`,
    text: `Acme lost my bag (${id})`,
    publishedAt,
    sentiment: 'negative',
    confidence: 0.9,
    metrics: { likes: 3 },
  };
}

export function incidentFixture(id: string, planId: string, openedAt: number, status: 'open' | 'resolved' = 'open'): Incident {
  return {
    id,
    planId,
    status,
    openedAt,
    lastBucketAt: openedAt,
    ...(status === 'resolved' ? { resolvedAt: openedAt + 3_600_000 } : {}),
    stage: 1,
    severity: { score: 40, level: 'medium', parts: { size: 0.5, speed: 0.3, reach: 0.1, stage: 0.25 } },
    explanation: { metric: 'negative', observed: 30, expected: 5, spread: 2, windowMs: 1_800_000, ratio: 6, tailProbability: 1e-9, threshold: 1e-5 },
    counts: { negative: 30, total: 50, engagement: 10, expectedNegative: 5 },
    peak: { bucketStart: openedAt, negative: 12, expected: 1 },
    sources: [{ kind: 'rss', channel: 'blog', firstSeenAt: openedAt, negative: 30 }],
    samples: [],
  };
}

function outboxFixture(id: string, incidentId: string, createdAt: number, dueAt = createdAt): OutboxItem {
  return { id, incidentId, planId: 'p1', platform: 'slack', kind: 'open', payload: {}, createdAt, dueAt, attempts: 0 };
}

/** The behaviour every Store implementation must have: run against lowdb and PostgreSQL alike. */
export function storeContract(
  name: string,
  open: () => Promise<{ store: Store; reopen: () => Promise<Store>; cleanup: () => Promise<void> }>,
  options: { skip?: boolean } = {},
): void {
  describe.skipIf(options.skip === true)(`${name} store contract`, () => {
    it('keeps plans scoped to their workspace', async () => {
      const { store, cleanup } = await open();
      try {
        await store.plans.save(planFixture('p1', 'acme', 'T1'));
        await store.plans.save(planFixture('p2', 'acme', 'T2'));
        expect((await store.plans.list({ platform: 'slack', workspace: 'T1' })).map((p) => p.id)).toEqual(['p1']);
        expect((await store.plans.get({ platform: 'slack', workspace: 'T2' }, 'ACME'))?.id).toBe('p2');
        expect(await store.plans.get({ platform: 'teams', workspace: 'T1' }, 'acme')).toBeUndefined();
        await expect(store.plans.save(planFixture('p3', 'Acme', 'T1'))).rejects.toMatchObject({ code: 'duplicate_name' });
        await store.plans.save({ ...planFixture('p1', 'acme', 'T1'), status: 'paused' });
        expect((await store.plans.listActive()).map((p) => p.id)).toEqual(['p2']);
        await store.plans.remove('p2');
        expect(await store.plans.getById('p2')).toBeUndefined();
      } finally {
        await cleanup();
      }
    });

    it('returns only new ids, once, across a reopen', async () => {
      const { store, reopen, cleanup } = await open();
      try {
        expect(await store.seen.markNew('p1|rss|a', ['1', '2', '2', '3'], 1000)).toEqual(['1', '2', '3']);
        expect(await store.seen.markNew('p1|rss|a', ['3', '4'], 2000)).toEqual(['4']);
        expect(await store.seen.markNew('p1|rss|b', ['3'], 2000)).toEqual(['3']);
        await store.sources.save({
          key: 'p1|rss|a',
          planId: 'p1',
          cursor: { since: 42 },
          etag: '"v1"',
          health: { consecutiveFailures: 0, lastSuccessAt: 2000 },
        });
        await store.plans.save(planFixture('p1', 'acme'));
        await store.close();
        const again = await reopen();
        expect(await again.seen.markNew('p1|rss|a', ['1', '4', '5'], 3000)).toEqual(['5']);
        expect(await again.sources.get('p1|rss|a')).toMatchObject({ cursor: { since: 42 }, etag: '"v1"' });
        expect((await again.plans.getById('p1'))?.name).toBe('acme');
        await again.close();
      } finally {
        await cleanup();
      }
    });

    it('adds bucket counts and reads ranges in order', async () => {
      const { store, cleanup } = await open();
      try {
        await store.buckets.add('p1', [
          { start: 600_000, total: 2, negative: 1, engagement: 5 },
          { start: 300_000, total: 1, negative: 0, engagement: 0 },
        ]);
        await store.buckets.add('p1', [{ start: 600_000, total: 3, negative: 2, engagement: 1 }]);
        expect(await store.buckets.range('p1', 0, 900_000)).toEqual([
          { start: 300_000, total: 1, negative: 0, engagement: 0 },
          { start: 600_000, total: 5, negative: 3, engagement: 6 },
        ]);
        expect(await store.buckets.range('p1', 400_000, 600_000)).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('finds incidents by id prefix, in id order, bounded, with no wildcard in what is typed', async () => {
      const { store, cleanup } = await open();
      try {
        for (const id of ['3f9a1c22-aaaa', '3f9a1c99-bbbb', '3f9b0000-cccc', '3f9a%_zz']) await store.incidents.save(incidentFixture(id, 'p1', 1000));
        expect((await store.incidents.withPrefix('3f9a1c', 10)).map((i) => i.id)).toEqual(['3f9a1c22-aaaa', '3f9a1c99-bbbb']);
        expect((await store.incidents.withPrefix('3f9a1c9', 10)).map((i) => i.id)).toEqual(['3f9a1c99-bbbb']);
        expect((await store.incidents.withPrefix('3f9', 2)).map((i) => i.id)).toHaveLength(2);
        expect((await store.incidents.withPrefix('3f9a%', 10)).map((i) => i.id)).toEqual(['3f9a%_zz']);
        expect(await store.incidents.withPrefix('zz', 10)).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('keeps the evidence of buckets not stepped yet: bounded per bucket, taken once, pruned by age', async () => {
      const { store, cleanup } = await open();
      try {
        const entry = (id: string, weight: number) => ({ sample: sampleFixture(id, 300_000), weight });
        await store.evidence.add(
          'p1',
          new Map([
            [300_000, [entry('a', 1), entry('b', 5)]],
            [600_000, [entry('c', 2)]],
          ]),
          3,
        );
        // A second poll's posts join the bucket; beyond the bound, the lightest go; a post seen twice counts once.
        await store.evidence.add('p1', new Map([[300_000, [entry('d', 9), entry('e', 0), entry('b', 5)]]]), 3);
        await store.evidence.add('p2', new Map([[300_000, [entry('x', 1)]]]), 3);
        await store.evidence.add('p1', new Map([[900_000, [entry('f', 1)]]]), 3);
        const taken = await store.evidence.take('p1', 600_000);
        expect([...taken.keys()].sort()).toEqual([300_000, 600_000]);
        expect(taken.get(300_000)!.map((s) => s.id)).toEqual(['d', 'b', 'a']);
        expect(taken.get(300_000)![0]).toEqual(sampleFixture('d', 300_000));
        expect(taken.get(600_000)!.map((s) => s.id)).toEqual(['c']);
        expect((await store.evidence.take('p1', 600_000)).size).toBe(0);
        // Posts left unstepped longer than PENDING_SAMPLES_MS go with the periodic prune.
        await store.prune(600_000 + PENDING_SAMPLES_MS);
        expect((await store.evidence.take('p2', 1_000_000)).size).toBe(0);
        expect([...(await store.evidence.take('p1', 1_000_000)).keys()]).toEqual([900_000]);
      } finally {
        await cleanup();
      }
    });

    it('keeps the suggested responses marked as used on the incident (a JSON document: no migration)', async () => {
      const { store, cleanup } = await open();
      try {
        const usedDrafts = [
          { kind: 'reply' as const, n: 2, text: 'مرحبًا [name], sorry — «DM»', by: 'U0ACK', at: 7000 },
          { kind: 'holding' as const, n: 1, text: 'We are aware…', by: 'Alice Martin', at: 8000 },
        ];
        await store.incidents.save({ ...incidentFixture('u1', 'p1', 5000), usedDrafts });
        expect((await store.incidents.get('u1'))?.usedDrafts).toEqual(usedDrafts);
        expect((await store.incidents.list('p1', 10))[0]?.usedDrafts).toEqual(usedDrafts);
      } finally {
        await cleanup();
      }
    });

    it('keeps at most one open incident per plan and lists newest first', async () => {
      const { store, cleanup } = await open();
      try {
        await store.incidents.save(incidentFixture('i1', 'p1', 1000, 'resolved'));
        await store.incidents.save(incidentFixture('i2', 'p1', 5000));
        expect((await store.incidents.open('p1'))?.id).toBe('i2');
        expect((await store.incidents.list('p1', 10)).map((i) => i.id)).toEqual(['i2', 'i1']);
        await store.incidents.save({ ...incidentFixture('i2', 'p1', 5000), status: 'resolved', resolvedAt: 9000 });
        expect(await store.incidents.open('p1')).toBeUndefined();
        await store.threads.save({ incidentId: 'i2', platform: 'slack', ref: { channel: 'C1', ts: '1.2' } });
        expect((await store.threads.get('i2', 'slack'))?.ref).toEqual({ channel: 'C1', ts: '1.2' });
        expect(await store.threads.get('i2', 'teams')).toBeUndefined();
      } finally {
        await cleanup();
      }
    });

    it('claims outbox items in order, one owner at a time, and keeps failures pending', async () => {
      const { store, cleanup } = await open();
      try {
        await store.outbox.add(outboxFixture('o1', 'i1', 100));
        await store.outbox.add({ ...outboxFixture('o2', 'i1', 101), kind: 'suggestions' });
        await store.outbox.add(outboxFixture('o3', 'i2', 102, 10_000));
        const first = await store.outbox.claim('A', 1000, 60_000, 10);
        expect(first.map((o) => o.id)).toEqual(['o1']);
        expect(await store.outbox.claim('B', 1000, 60_000, 10)).toEqual([]);
        await store.outbox.retry('o1', 2000, 'rate_limited');
        expect(await store.outbox.claim('B', 1500, 60_000, 10)).toEqual([]);
        const retried = await store.outbox.claim('B', 2000, 60_000, 10);
        expect(retried.map((o) => [o.id, o.attempts, o.lastError])).toEqual([['o1', 1, 'rate_limited']]);
        await store.outbox.delivered('o1', 2100);
        expect((await store.outbox.claim('B', 2200, 60_000, 10)).map((o) => o.id)).toEqual(['o2']);
        expect((await store.outbox.claim('C', 200_000, 60_000, 10)).map((o) => o.id)).toEqual(['o2', 'o3']);
        expect((await store.outbox.pending()).map((o) => o.id).sort()).toEqual(['o2', 'o3']);
      } finally {
        await cleanup();
      }
    });

    it("records a parent's first claim in its payload, kept across retries and re-claims, and only for parents", async () => {
      const { store, cleanup } = await open();
      try {
        await store.outbox.add({ ...outboxFixture('o1', 'i1', 100), payload: { note: 'kept' } });
        await store.outbox.add({ ...outboxFixture('o2', 'i2', 100), kind: 'suggestions' });
        const first = await store.outbox.claim('A', 1000, 60_000, 10);
        expect(first.map((o) => [o.id, o.payload])).toEqual([
          ['o1', { note: 'kept', firstTriedAt: 1000 }],
          ['o2', {}],
        ]);
        await store.outbox.retry('o1', 2000, 'unavailable: connection dropped');
        // A lease that ran out (its claimer died) and a retry both keep the first try's time.
        expect((await store.outbox.claim('B', 2000, 60_000, 10)).map((o) => [o.id, o.payload.firstTriedAt])).toEqual([['o1', 1000]]);
        expect((await store.outbox.claim('C', 70_000, 60_000, 10)).map((o) => [o.id, o.payload.firstTriedAt])).toEqual([
          ['o1', 1000],
          ['o2', undefined],
        ]);
        expect((await store.exportAll()).outbox.find((o) => o.id === 'o1')?.payload).toEqual({ note: 'kept', firstTriedAt: 1000 });
      } finally {
        await cleanup();
      }
    });

    it('lets two owners claiming at once deliver each message once, and each incident in order', async () => {
      const { store, cleanup } = await open();
      try {
        for (let k = 0; k < 3; k += 1) for (let i = 0; i < 4; i += 1) await store.outbox.add(outboxFixture(`o${i}-${k}`, `i${i}`, 100 + k * 10 + i));
        const delivered: string[] = [];
        const inHand = new Set<string>();
        const work = async (owner: string): Promise<void> => {
          for (;;) {
            const batch = await store.outbox.claim(owner, 1000, 60_000, 2);
            if (batch.length === 0) {
              if ((await store.outbox.pending()).length === 0) return;
              await new Promise((r) => setTimeout(r, 2));
              continue;
            }
            for (const item of batch) {
              expect(inHand.has(item.incidentId)).toBe(false);
              inHand.add(item.incidentId);
            }
            for (const item of batch) {
              await new Promise((r) => setTimeout(r, 1));
              inHand.delete(item.incidentId);
              delivered.push(item.id);
              await store.outbox.delivered(item.id, 1000);
            }
          }
        };
        await Promise.all([work('A'), work('B')]);
        expect([...delivered].sort()).toEqual(Array.from({ length: 12 }, (_, n) => `o${n % 4}-${Math.floor(n / 4)}`).sort());
        for (let i = 0; i < 4; i += 1) expect(delivered.filter((id) => id.startsWith(`o${i}-`))).toEqual([`o${i}-0`, `o${i}-1`, `o${i}-2`]);
      } finally {
        await cleanup();
      }
    });

    it('exports everything and imports it into an empty store only', async () => {
      const source = await open();
      const target = await open();
      try {
        const { store } = source;
        await store.plans.save(planFixture('p1', 'acme'));
        await store.plans.save({ ...planFixture('p2', 'globex', 'T2'), status: 'paused' });
        await store.sources.save({
          key: 'p1|rss|a',
          planId: 'p1',
          cursor: { since: 42 },
          etag: '"v1"',
          health: { consecutiveFailures: 2, lastError: { at: 5, code: 'timeout', message: 'slow' } },
        });
        await store.seen.markNew('p1|rss|a', ['x', 'y'], 1000);
        await store.seen.markNew('p1|rss|a', ['z'], 2000);
        await store.buckets.add('p1', [{ start: 300_000, total: 3, negative: 2, engagement: 7 }]);
        await store.detector.save('p1', { version: 1, levels: [0.5, 2] });
        await store.incidents.save(incidentFixture('i1', 'p1', 1000, 'resolved'));
        await store.incidents.save(incidentFixture('i2', 'p1', 5000));
        await store.threads.save({ incidentId: 'i2', platform: 'slack', ref: { channel: 'C1', ts: '1.2' } });
        await store.feedback.add({ planId: 'p1', incidentId: 'i1', kind: 'not_crisis', by: 'U1', at: 5, observed: 30, expected: 4 });
        await store.outbox.add(outboxFixture('o1', 'i2', 100));
        await store.outbox.add(outboxFixture('o2', 'i2', 101));
        await store.outbox.delivered('o1', 200);
        await store.outbox.claim('A', 300, 60_000, 10);
        await store.installations.save('teams', 'conv-1', { serviceUrl: 'http://127.0.0.1/', tenant: 't1' });
        await store.corrections.save(correctionFixture('x:1', 'p1'));

        const dump = await store.exportAll();
        expect(dump.corrections).toEqual([correctionFixture('x:1', 'p1')]);
        expect(dump.plans.map((p) => p.id)).toEqual(['p1', 'p2']);
        expect(dump.seen['p1|rss|a']).toEqual({ x: 1000, y: 1000, z: 2000 });
        expect(dump.outbox.map((o) => [o.id, o.deliveredAt, o.claimedBy])).toEqual([
          ['o1', 200, undefined],
          ['o2', undefined, 'A'],
        ]);
        await target.store.importAll(dump);
        expect(await target.store.exportAll()).toEqual(dump);
        expect(await target.store.seen.markNew('p1|rss|a', ['x', 'w'], 3000)).toEqual(['w']);
        expect((await target.store.plans.get({ platform: 'slack', workspace: 'T2' }, 'Globex'))?.status).toBe('paused');
        await expect(target.store.importAll(dump)).rejects.toMatchObject({ code: 'not_empty' });
      } finally {
        await source.cleanup();
        await target.cleanup();
      }
    });

    it('adds an outbox item once by id, delivered or not, across a reopen', async () => {
      const { store, reopen, cleanup } = await open();
      try {
        const item = outboxFixture('remind|inc-1|1', 'inc-1', 1_000);
        expect(await store.outbox.addOnce(item)).toBe(true);
        expect(await store.outbox.addOnce({ ...item, createdAt: 2_000 })).toBe(false);
        await store.outbox.delivered(item.id, 3_000);
        expect(await store.outbox.addOnce(item)).toBe(false);
        await store.close();
        const again = await reopen();
        expect(await again.outbox.addOnce(item)).toBe(false);
        expect((await again.exportAll()).outbox.map((o) => o.id)).toEqual(['remind|inc-1|1']);
        await again.close();
      } finally {
        await cleanup();
      }
    });

    it('removes everything stored for a plan, and nothing of another plan', async () => {
      const { store, cleanup } = await open();
      try {
        for (const [planId, name] of [
          ['gone', 'goneplan'],
          ['kept', 'keptplan'],
        ] as const) {
          await store.plans.save(planFixture(planId, name));
          const key = `${planId}|rss|https://example.org/feed`;
          await store.sources.save({ key, planId, cursor: {}, health: { consecutiveFailures: 0 } });
          await store.seen.markNew(key, [`${planId}-item`], 1_000);
          await store.buckets.add(planId, [{ start: 300_000, total: 3, negative: 2, engagement: 1 }]);
          await store.evidence.add(planId, new Map([[300_000, [{ sample: sampleFixture(`${planId}-post`, 300_000), weight: 1 }]]]), 10);
          await store.detector.save(planId, { owner: planId });
          await store.incidents.save(incidentFixture(`${planId}-open`, planId, 600_000));
          await store.incidents.save(incidentFixture(`${planId}-old`, planId, 300_000, 'resolved'));
          await store.threads.save({ incidentId: `${planId}-open`, platform: 'slack', ref: { ts: `${planId}-ts` } });
          await store.feedback.add({ planId, incidentId: `${planId}-old`, kind: 'not_crisis', by: `${planId}-user`, at: 5 });
          await store.outbox.add({ ...outboxFixture(`${planId}-message`, `${planId}-open`, 700_000), planId });
          await store.corrections.save(correctionFixture(`${planId}-post`, planId));
          // A competitor's series (counts, detector, its own incident and context message) under the plan's key.
          const rival = competitorKey(planId, 'Globex');
          await store.buckets.add(rival, [{ start: 300_000, total: 5, negative: 4, engagement: 0 }]);
          await store.detector.save(rival, { owner: rival });
          await store.incidents.save(incidentFixture(`${planId}-rival`, rival, 600_000));
          await store.threads.save({ incidentId: `${planId}-rival`, platform: 'slack', ref: { ts: `${planId}-rival-ts` } });
        }
        await store.plans.remove('gone');
        const dump = await store.exportAll();
        // Every row above carries its plan's id in a key or a value: none of the removed plan's may survive.
        const sections = ['plans', 'sources', 'seen', 'buckets', 'detector', 'incidents', 'threads', 'feedback', 'outbox', 'corrections'] as const;
        for (const section of sections) {
          const text = JSON.stringify(dump[section]);
          expect(text, section).toContain('kept');
          expect(text, section).not.toContain('gone');
        }
        expect(await store.incidents.open('gone')).toBeUndefined();
        expect(await store.incidents.get('kept-open')).toBeDefined();
        expect(await store.incidents.get('kept-rival')).toBeDefined();
        expect(await store.buckets.range(competitorKey('kept', 'Globex'), 0, 1_000_000)).toHaveLength(1);
        expect([...(await store.evidence.take('gone', 1_000_000)).keys()]).toEqual([]);
        expect([...(await store.evidence.take('kept', 1_000_000)).keys()]).toEqual([300_000]);
        expect(await store.seen.markNew('gone|rss|https://example.org/feed', ['gone-item'], 2_000)).toEqual(['gone-item']);
        expect(await store.seen.markNew('kept|rss|https://example.org/feed', ['kept-item'], 2_000)).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('stores feedback, detector state and installations', async () => {
      const { store, cleanup } = await open();
      try {
        await store.feedback.add({ planId: 'p1', incidentId: 'i1', kind: 'not_crisis', by: 'U1', at: 5, observed: 30, expected: 4 });
        expect(await store.feedback.list('p1')).toHaveLength(1);
        await store.detector.save('p1', { version: 1, levels: [1, 2, 3] });
        expect(await store.detector.get('p1')).toEqual({ version: 1, levels: [1, 2, 3] });
        await store.installations.save('teams', 'conv-1', { serviceUrl: 'http://127.0.0.1/', tenant: 't1' });
        expect(await store.installations.list('teams')).toEqual([{ key: 'conv-1', value: { serviceUrl: 'http://127.0.0.1/', tenant: 't1' } }]);
        await store.installations.remove('teams', 'conv-1');
        expect(await store.installations.get('teams', 'conv-1')).toBeUndefined();
      } finally {
        await cleanup();
      }
    });

    it('keeps one correction per post and workspace, the latest, and never shows one workspace another’s', async () => {
      const { store, reopen, cleanup } = await open();
      try {
        await store.corrections.save(correctionFixture('x:1', 'p1', 'T1', 1_000));
        await store.corrections.save(correctionFixture('x:2', 'p1', 'T1', 2_000));
        await store.corrections.save(correctionFixture('x:1', 'p9', 'T2', 3_000));
        await store.corrections.save({ ...correctionFixture('x:1', 'p1', 'T1', 4_000), label: 'positive', by: 'U2' });
        const t1 = await store.corrections.list({ platform: 'slack', workspace: 'T1' });
        expect(t1.map((c) => [c.postId, c.label, c.by, c.at])).toEqual([
          ['x:2', 'neutral', 'U1', 2_000],
          ['x:1', 'positive', 'U2', 4_000],
        ]);
        expect((await store.corrections.list({ platform: 'slack', workspace: 'T2' })).map((c) => [c.postId, c.planId])).toEqual([['x:1', 'p9']]);
        expect(await store.corrections.list({ platform: 'teams', workspace: 'T1' })).toEqual([]);
        await store.close();
        const again = await reopen();
        expect((await again.corrections.all()).map((c) => `${c.scope.workspace}/${c.postId}/${c.label}`)).toEqual([
          'T1/x:2/neutral',
          'T2/x:1/neutral',
          'T1/x:1/positive',
        ]);
        await again.close();
      } finally {
        await cleanup();
      }
    });

    it('serialises work on one plan', async () => {
      const { store, cleanup } = await open();
      try {
        const order: string[] = [];
        const slow = store.withPlanLock('p1', async () => {
          order.push('a-start');
          await new Promise((r) => setTimeout(r, 30));
          order.push('a-end');
        });
        const fast = store.withPlanLock('p1', async () => {
          order.push('b');
        });
        await Promise.all([slow, fast]);
        expect(order).toEqual(['a-start', 'a-end', 'b']);
      } finally {
        await cleanup();
      }
    });

    it('keeps at most `keep` seen ids per source, forgetting the oldest first, and never the ids just seen', async () => {
      const { store, cleanup } = await open();
      try {
        expect(await store.seen.markNew('p1|rss|a', ['1', '2', '3'], 1000, 4)).toEqual(['1', '2', '3']);
        expect(await store.seen.markNew('p1|rss|a', ['4', '5'], 2000, 4)).toEqual(['4', '5']);
        expect(await store.seen.markNew('p1|rss|b', ['1'], 2000, 4)).toEqual(['1']);
        // One of the ids seen at 1000 was forgotten: it counts as new again; the others are still known.
        const again = await store.seen.markNew('p1|rss|a', ['1', '2', '3', '4', '5'], 3000, 4);
        expect(again).toHaveLength(1);
        expect(['1', '2', '3']).toContain(again[0]);
        expect(await store.seen.markNew('p1|rss|a', ['4', '5', ...again], 4000, 4)).toEqual([]);
        // The other source kept its own.
        expect(await store.seen.markNew('p1|rss|b', ['1'], 4000, 4)).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('prunes seen ids, buckets and old incidents by age', async () => {
      const { store, cleanup } = await open();
      const day = 86_400_000;
      const now = 100 * day;
      try {
        await store.seen.markNew('p1|rss|a', ['old'], now - 40 * day);
        await store.seen.markNew('p1|rss|a', ['new'], now - day);
        await store.buckets.add('p1', [
          { start: now - 20 * day, total: 1, negative: 1, engagement: 0 },
          { start: now - day, total: 1, negative: 0, engagement: 0 },
        ]);
        await store.incidents.save(incidentFixture('old', 'p1', now - 200 * day, 'resolved'));
        await store.incidents.save(incidentFixture('recent', 'p1', now - 2 * day, 'resolved'));
        const report = await store.prune(now);
        expect(report).toMatchObject({ seen: 1, buckets: 1, incidents: 1 });
        expect(await store.seen.markNew('p1|rss|a', ['old', 'new'], now)).toEqual(['old']);
        expect((await store.buckets.range('p1', 0, now)).map((b) => b.start)).toEqual([now - day]);
        expect((await store.incidents.list('p1', 10)).map((i) => i.id)).toEqual(['recent']);
      } finally {
        await cleanup();
      }
    });
  });
}
