import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { CHAT_SYSTEM_PROMPT, withRemoteSentiment, type RemoteSentimentSettings } from '../../src/models/remote-sentiment.js';
import { classifyAll, type SentimentClassifier, type SentimentInput } from '../../src/core/sentiment/types.js';
import { startTeiFake, type TeiFake } from '../fakes/tei.js';
import { startOpenAiFake, type OpenAiFake } from '../fakes/openai.js';

// The built-in model stands in as a recognisable constant, so each result shows which side answered.
const builtin: SentimentClassifier = {
  classify: (_text, lang) => ({ label: 'neutral', confidence: 0.4, lang: lang ?? 'fr' }),
};

const posts: SentimentInput[] = [
  { text: 'Acme a perdu ma valise, service nul', lang: 'fr' },
  { text: 'شركة اكمي سرقت فلوسي' },
  { text: 'I love the new Acme app, great job' },
  { text: 'Acme opens a shop in Rabat' },
];

describe('remote sentiment model, TEI /predict', () => {
  let tei: TeiFake;
  let settings: RemoteSentimentSettings;
  beforeEach(async () => {
    tei = await startTeiFake();
    settings = { url: tei.url, api: 'tei', model: 'cardiffnlp/twitter-xlm-roberta-base-sentiment', timeoutMs: 2000, batchSize: 3 };
  });
  afterEach(() => tei.close());

  it('scores posts in batches of the configured size, in TEI request format, and names the model', async () => {
    const classifier = withRemoteSentiment(builtin, settings, { logger: silentLogger });
    const results = await classifyAll(classifier, posts);
    expect(results.map((r) => r.label)).toEqual(['negative', 'negative', 'positive', 'neutral']);
    expect(results.every((r) => r.model === 'cardiffnlp/twitter-xlm-roberta-base-sentiment')).toBe(true);
    expect(results[0]).toMatchObject({ confidence: 0.91, probabilities: [0.91, 0.06, 0.03], lang: 'fr' });
    expect(tei.requests.map((r) => JSON.parse(r.body) as { inputs: string[][]; truncate: boolean })).toEqual([
      { inputs: [[posts[0]!.text], [posts[1]!.text], [posts[2]!.text]], truncate: true },
      { inputs: [[posts[3]!.text]], truncate: true },
    ]);
  });

  it('keeps the built-in model for single synchronous calls', () => {
    const classifier = withRemoteSentiment(builtin, settings, { logger: silentLogger });
    expect(classifier.classify('anything', 'en')).toEqual({ label: 'neutral', confidence: 0.4, lang: 'en' });
    expect(tei.requests).toHaveLength(0);
  });

  it('falls back to the built-in model for a failed batch only', async () => {
    tei.failNext(1, 424);
    const results = await classifyAll(withRemoteSentiment(builtin, settings, { logger: silentLogger }), posts);
    expect(results.map((r) => r.model)).toEqual([undefined, undefined, undefined, 'cardiffnlp/twitter-xlm-roberta-base-sentiment']);
    expect(results[0]).toEqual({ label: 'neutral', confidence: 0.4, lang: 'fr' });
  });

  it('falls back when the server is slower than the timeout', async () => {
    tei.delay(300);
    const classifier = withRemoteSentiment(builtin, { ...settings, timeoutMs: 50, batchSize: 32 }, { logger: silentLogger });
    const results = await classifyAll(classifier, posts);
    expect(results.every((r) => r.model === undefined && r.label === 'neutral')).toBe(true);
  });

  it('falls back on an answer that does not fit (TEI refuses a batch over its limit)', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ text: `post ${i} terrible` }));
    const results = await classifyAll(withRemoteSentiment(builtin, { ...settings, batchSize: 40 }, { logger: silentLogger }), many);
    expect(tei.requests).toHaveLength(1);
    expect(results.every((r) => r.model === undefined)).toBe(true);
  });

  it('opens the circuit after three failures in a row and tries again after the cool-off', async () => {
    let clock = 1_000_000;
    const classifier = withRemoteSentiment(builtin, { ...settings, batchSize: 1 }, { logger: silentLogger, now: () => clock });
    tei.failNext(3);
    const first = await classifyAll(classifier, posts);
    expect(first.every((r) => r.model === undefined)).toBe(true);
    expect(tei.requests).toHaveLength(3);
    await classifyAll(classifier, posts);
    expect(tei.requests).toHaveLength(3);
    clock += 61_000;
    const later = await classifyAll(classifier, posts);
    expect(later.every((r) => r.model !== undefined)).toBe(true);
    expect(tei.requests).toHaveLength(7);
  });

  it('falls back when the server is down', async () => {
    await tei.close();
    const results = await classifyAll(withRemoteSentiment(builtin, settings, { logger: silentLogger }), posts);
    expect(results.map((r) => r.label)).toEqual(['neutral', 'neutral', 'neutral', 'neutral']);
  });
});

describe('remote sentiment model, OpenAI-compatible chat', () => {
  let openai: OpenAiFake;
  beforeEach(async () => {
    openai = await startOpenAiFake();
  });
  afterEach(() => openai.close());

  it('sends the fixed prompt with numbered posts and reads one label per post', async () => {
    openai.respondWith(({ messages }) => {
      const lines = messages.find((m) => m.role === 'user')!.content.split('\n');
      return (
        '```json\n' +
        JSON.stringify({ labels: lines.map((l) => (/nul|سرق/u.test(l) ? 'negative' : /love/u.test(l) ? 'Positive' : 'neutral')) }) +
        '\n```'
      );
    });
    const settings: RemoteSentimentSettings = {
      url: openai.baseUrl,
      api: 'openai',
      model: 'qwen2.5:7b',
      apiKey: 'sk-test',
      timeoutMs: 2000,
      batchSize: 10,
    };
    const results = await classifyAll(withRemoteSentiment(builtin, settings, { logger: silentLogger }), posts);
    expect(results.map((r) => r.label)).toEqual(['negative', 'negative', 'positive', 'neutral']);
    expect(results.every((r) => r.model === 'qwen2.5:7b' && r.confidence === 1)).toBe(true);
    const sent = JSON.parse(openai.requests[0]!.body) as { model: string; messages: Array<{ role: string; content: string }> };
    expect(sent.model).toBe('qwen2.5:7b');
    expect(sent.messages[0]).toEqual({ role: 'system', content: CHAT_SYSTEM_PROMPT });
    expect(sent.messages[1]!.content.split('\n')[1]).toBe(`2. ${posts[1]!.text}`);
    expect(openai.requests[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('falls back when the model answers the wrong number of labels', async () => {
    openai.respondWith(() => JSON.stringify({ labels: ['negative'] }));
    const settings: RemoteSentimentSettings = { url: openai.baseUrl, api: 'openai', model: 'm', timeoutMs: 2000, batchSize: 10 };
    const results = await classifyAll(withRemoteSentiment(builtin, settings, { logger: silentLogger }), posts);
    expect(results.every((r) => r.model === undefined)).toBe(true);
  });
});
