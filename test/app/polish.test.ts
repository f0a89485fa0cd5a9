import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { draftsOf, startOpenAiFake } from '../fakes/openai.js';
import type { OpenAiFake } from '../fakes/openai.js';
import { testVigie } from '../support/vigie.js';
import { calmThenBurst } from '../support/burst.js';
import { sourceKey } from '../../src/core/source-state.js';

async function alertWith(llm: OpenAiFake, feeds: FeedServer) {
  const app = await testVigie({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'local-model', LLM_TIMEOUT: '1s' });
  await app.watchOnly('acme', 'Acme');
  await app.say(`source acme rss ${feeds.url}/rss.xml`);
  const plan = (await app.vigie.store.plans.get(app.vigie.localContext().scope, 'acme'))!;
  await app.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
  await app.vigie.outbox.flush();
  return app;
}

async function settle(app: Awaited<ReturnType<typeof alertWith>>, ms: number) {
  await new Promise((r) => setTimeout(r, ms));
  await app.vigie.outbox.flush();
}

describe('LLM polish of the suggested responses', () => {
  let feeds: FeedServer;
  let llm: OpenAiFake;
  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
    llm = await startOpenAiFake();
  });
  afterAll(async () => {
    await feeds.close();
    await llm.close();
  });

  it('posts the template first, then adds the reworded drafts in the thread', async () => {
    llm.respondWith(({ messages }) => {
      const drafts = draftsOf(messages);
      return JSON.stringify({ ...drafts, holding: `${drafts.holding} We are with you.` });
    });
    const app = await alertWith(llm, feeds);
    const printed = app.printed();
    expect(printed).toContain('Template drafts');
    await settle(app, 300);
    expect(app.printed()).toContain('Rewritten by the language model');
    expect(app.printed().indexOf('Template drafts')).toBeLessThan(app.printed().indexOf('Rewritten by the language model'));
    expect(llm.requests.length).toBeGreaterThan(0);
    await app.close();
  });

  it('keeps only the template when the model invents a number or times out', async () => {
    llm.respondWith(({ messages }) => JSON.stringify({ ...draftsOf(messages), holding: '4312 customers were affected.' }));
    const asked = llm.requests.length;
    const invented = await alertWith(llm, feeds);
    await settle(invented, 300);
    // The model was asked and answered: no rewrite below is its answer refused, not a polish never tried.
    expect(llm.requests.length).toBeGreaterThan(asked);
    expect(invented.printed()).toContain('Template drafts');
    expect(invented.printed()).not.toContain('Rewritten by the language model');
    await invented.close();

    llm.respondWith(({ messages }) => ({ delayMs: 3_000, content: JSON.stringify(draftsOf(messages)) }));
    const before = llm.requests.length;
    const slow = await alertWith(llm, feeds);
    expect(slow.printed()).toMatch(/^🚨/m);
    await settle(slow, 1_500);
    expect(llm.requests.length).toBeGreaterThan(before);
    expect(slow.printed()).not.toContain('Rewritten by the language model');
    await slow.close();
  });
});
