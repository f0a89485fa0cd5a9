import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/core/source-state.js';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { testVigie } from '../support/vigie.js';

const ITEMS = 20_000;
const CAP = 500;

describe('a poll over the item cap', () => {
  let feeds: FeedServer;
  const now = Date.now();

  beforeAll(async () => {
    // A real RSS 2.0 answer of 20,000 items, one every ten seconds back from now (item-0 is the newest).
    feeds = await startFeedServer({
      items: Array.from({ length: ITEMS }, (_, i) => ({
        guid: `item-${i}`,
        link: `https://news.example.org/acme/${i}`,
        title: `Acme update number ${i}`,
        content: `<p>Acme customers talk about update ${i}.</p>`,
        date: new Date(now - i * 10_000).toISOString(),
      })),
    });
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('keeps the newest items up to VIGIE_MAX_ITEMS_PER_POLL, stores only those, and says in status how many were left out', async () => {
    const t = await testVigie({ VIGIE_MAX_ITEMS_PER_POLL: String(CAP), VIGIE_HTTP_MAX_BYTES: String(64 * 1024 * 1024) });
    try {
      await t.watchOnly('acme', 'Acme');
      const added = await t.say(`source acme rss ${feeds.url}/rss.xml`);
      expect(added.text).toMatch(/now listens to rss/);
      const plan = (await t.vigie.store.plans.get(t.vigie.localContext('tester').scope, 'acme'))!;
      const spec = plan.sources[0]!;
      const key = sourceKey(plan.id, spec.kind, spec.arg);
      await t.vigie.pipeline.poll({ planId: plan.id, sourceKey: key });

      const state = await t.vigie.store.sources.get(key);
      expect(state?.health.lastItems).toBe(ITEMS);
      expect(state?.health.totalItems).toBe(CAP);
      expect(state?.health.lastOverCap).toMatchObject({ count: ITEMS - CAP, cap: CAP });
      const seen = Object.keys((await t.vigie.store.exportAll()).seen[key] ?? {});
      expect(seen).toHaveLength(CAP);
      // The newest ones went on (published in the last CAP × 10 s), the oldest were left out.
      const buckets = await t.vigie.store.buckets.range(plan.id, 0, now + 3_600_000);
      expect(buckets.reduce((sum, b) => sum + b.total, 0)).toBe(CAP);
      const oldestKept = now - (CAP - 1) * 10_000;
      const bucketMs = t.vigie.settings.detection.bucketMs;
      expect(Math.min(...buckets.map((b) => b.start))).toBe(Math.floor(oldestKept / bucketMs) * bucketMs);

      const status = await t.say('status');
      expect(status.text).toContain(`the ${CAP} newest were kept, ${ITEMS - CAP} older ones were left out`);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('skips a scheduled poll of a source fetched within its minimum interval (a direct poll still fetches)', async () => {
    const t = await testVigie({ VIGIE_MAX_ITEMS_PER_POLL: String(CAP), VIGIE_HTTP_MAX_BYTES: String(64 * 1024 * 1024) });
    try {
      await t.watchOnly('acme', 'Acme');
      await t.say(`source acme rss ${feeds.url}/rss.xml`);
      const plan = (await t.vigie.store.plans.get(t.vigie.localContext('tester').scope, 'acme'))!;
      const job = { planId: plan.id, sourceKey: sourceKey(plan.id, plan.sources[0]!.kind, plan.sources[0]!.arg) };
      const fetches = (): number => feeds.requests.filter((r) => r.path === '/rss.xml').length;
      const before = fetches();
      await t.vigie.pipeline.pollIfDue(job, new AbortController().signal);
      expect(fetches()).toBe(before + 1);
      await t.vigie.pipeline.pollIfDue(job, new AbortController().signal);
      expect(fetches()).toBe(before + 1);
      expect(await t.vigie.pipeline.dueJobs(Date.now())).toEqual([]);
      await t.vigie.pipeline.poll(job);
      expect(fetches()).toBe(before + 2);
    } finally {
      await t.close();
    }
  }, 60_000);
});
