import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/core/source-state.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.js';
import { startFakeGdelt } from '../fakes/gdelt.js';
import { startFakePetitions } from '../fakes/petitions.js';
import { type TestVigie, testVigie } from '../support/vigie.js';

const PETITION = 'https://petition.parliament.uk/petitions/700001';

/**
 * Stage 4 of the domino chain from a post: a post links to a petition, the petition source of the same plan finds
 * that link among the plan's recent mentions, tracks the petition and counts its signatures — all through the
 * composition root, as `npm start` builds it. The petition is closed, so only the link can lead to it (the UK
 * site's own search returns open petitions only).
 */
describe('petitions discovered from the links of a plan’s mentions', () => {
  let feeds: FeedServer;
  let petitions: ApiServer;
  let gdelt: ApiServer;
  let app: TestVigie;
  beforeAll(async () => {
    feeds = await startFeedServer();
    petitions = await startFakePetitions({
      petitions: [{ id: 700001, action: 'Make Acme refund every cancelled flight', signatures: 4200, state: 'closed' }],
      news: [],
    });
    gdelt = await startFakeGdelt([]);
    app = await testVigie({ VIGIE_PETITIONS_URL: petitions.url, VIGIE_GDELT_URL: gdelt.url, VIGIE_GNEWS_URL: petitions.url });
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([feeds.close(), petitions.close(), gdelt.close()]);
  });

  it('tracks the petition a post links to, with its signature count', async () => {
    const { vigie } = app;
    await app.watchOnly('acme', 'Acme');
    await app.say(`source acme rss ${feeds.url}/rss.xml`);
    await app.say('source acme petitions');
    const plan = (await vigie.store.plans.get(vigie.localContext().scope, 'acme'))!;
    const rss = plan.sources.find((s) => s.kind === 'rss')!;
    const poll = (kind: 'rss' | 'petitions', arg?: string) => vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, kind, arg) });
    const tracked = async () => {
      const state = await vigie.store.sources.get(sourceKey(plan.id, 'petitions', undefined));
      expect(state?.health.lastError).toBeUndefined();
      const cursor = state?.cursor as { tracked: Record<string, { reported: number }> } | undefined;
      expect(cursor).toBeDefined();
      return cursor?.tracked;
    };

    await poll('petitions');
    expect(await tracked()).toEqual({});

    feeds.setItems([{ guid: 'p1', link: PETITION, title: 'Acme cancelled my flight: sign the petition', date: new Date().toISOString() }]);
    await poll('rss', rss.arg);
    await poll('petitions');
    expect((await tracked())?.[PETITION]).toMatchObject({ reported: 4200 });
    // The petition counts as a mention of the plan: the post and the petition are both in the buckets.
    const counted = (await vigie.store.buckets.range(plan.id, 0, Date.now() + 3_600_000)).reduce((n, b) => n + b.total, 0);
    expect(counted).toBe(2);
  });
});
