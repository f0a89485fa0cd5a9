import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startTeiFake, type TeiFake } from '../fakes/tei.js';
import { testVigie } from '../support/vigie.js';
import { calmThenBurst } from '../support/burst.js';
import { sourceKey } from '../../src/core/source-state.js';

const MODEL = 'cardiffnlp/twitter-xlm-roberta-base-sentiment';

describe('VIGIE_SENTIMENT_URL: the alert says which model scored its posts', () => {
  let feeds: FeedServer;
  let tei: TeiFake;
  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
    tei = await startTeiFake();
  });
  afterAll(async () => {
    await feeds.close();
    await tei.close();
  });

  async function alertFor(env: Record<string, string>): Promise<string> {
    const bot = await testVigie({ VIGIE_GNEWS_URL: feeds.url, ...env });
    try {
      await bot.watchOnly('acme', 'Acme');
      await bot.say(`source acme rss ${feeds.url}/rss.xml`);
      const plan = (await bot.vigie.store.plans.get(bot.vigie.localContext('tester').scope, 'acme'))!;
      await bot.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
      await bot.vigie.outbox.flush();
      return bot.printed();
    } finally {
      await bot.close();
    }
  }

  it('names the TEI model when it answered', async () => {
    const printed = await alertFor({ VIGIE_SENTIMENT_URL: tei.url, VIGIE_SENTIMENT_MODEL: MODEL });
    expect(printed.match(/^🚨/gm)).toHaveLength(1);
    expect(printed).toContain(`Sentiment scored by: ${MODEL}`);
    expect(tei.requests.length).toBeGreaterThan(0);
    const batch = JSON.parse(tei.requests[0]!.body) as { inputs: string[][] };
    expect(batch.inputs.length).toBeGreaterThan(1);
    expect(batch.inputs.length).toBeLessThanOrEqual(32);
  });

  it('falls back to the built-in model when the server is down, and says so', async () => {
    const down = await startTeiFake();
    const url = down.url;
    await down.close();
    const printed = await alertFor({ VIGIE_SENTIMENT_URL: url, VIGIE_SENTIMENT_MODEL: MODEL, VIGIE_SENTIMENT_TIMEOUT: '1s' });
    expect(printed.match(/^🚨/gm)).toHaveLength(1);
    expect(printed).toContain("Sentiment scored by: Vigie's built-in model");
    expect(printed).not.toContain(MODEL);
  });
});
