import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/app/backtest.js';
import { createDetection } from '../../src/app/detection-binding.js';
import { planFromFile } from '../../src/cli/backtest.js';
import type { Mention } from '../../src/core/mention.js';
import type { Plan } from '../../src/core/plan.js';
import type { SentimentClassifier } from '../../src/core/sentiment/types.js';
import { silentLogger } from '../../src/log.js';
import { loadDefaultClassifier } from '../../src/models/sentiment.js';
import { createHttpClient } from '../../src/sources/http.js';

/**
 * A competitor's storm beside a calm brand: four days of ordinary talk about Acme (the brand) and Globex (a
 * competitor), then 60 angry posts about Globex in half an hour on the third afternoon. Acme must stay silent; Globex's
 * storm is counted in its own series and, with `competitor-alerts on`, becomes one context message.
 */
const HOUR = 3_600_000;
const BUCKET_MS = 5 * 60_000;
const RESOLVE_AFTER_MS = 12 * HOUR;
const START = Date.UTC(2026, 2, 2);
const STORM_AT = START + 2 * 24 * HOUR + 14 * HOUR;

const BRAND_CALM = [
  'Just flew with Acme, smooth flight and friendly crew',
  'Acme lounge coffee is great this morning',
  'Booked my Acme trip to Lisbon',
];
const GLOBEX_CALM = ['Globex opened a new route to Marrakech', 'Flying Globex tomorrow for work', 'Globex app update looks nice'];
const GLOBEX_ANGRY = [
  'Globex cancelled my flight and nobody answers, worst airline ever, absolutely furious',
  'Stuck four hours at the gate, Globex is a disgrace, terrible service and rude staff',
  'Never flying Globex again, awful, they lost my luggage and refuse any refund',
];

function mentions(): { all: Mention[]; brand: number; globex: number } {
  const all: Mention[] = [];
  const post = (id: string, at: number, text: string): void => {
    all.push({ id, sourceKind: 'x', url: `https://x.example/${id}`, author: `u${id}`, text, publishedAt: at });
  };
  let brand = 0;
  let globex = 0;
  for (let at = START, i = 0; at < START + 96 * HOUR; at += 20 * 60_000, i++) {
    post(`acme-${i}`, at, BRAND_CALM[i % BRAND_CALM.length]!);
    post(`globex-${i}`, at + 7 * 60_000, GLOBEX_CALM[i % GLOBEX_CALM.length]!);
    brand += 1;
    globex += 1;
  }
  for (let i = 0; i < 60; i++) {
    post(`storm-${i}`, STORM_AT + i * 30_000, GLOBEX_ANGRY[i % GLOBEX_ANGRY.length]!);
    globex += 1;
  }
  return { all, brand, globex };
}

let classifier: SentimentClassifier;

async function replay(plan: Plan) {
  const data = mentions();
  const result = await runBacktest({
    plan,
    mentions: data.all,
    classifier,
    detection: createDetection({ bucketMs: BUCKET_MS, resolveAfterMs: RESOLVE_AFTER_MS }),
    http: createHttpClient({ allowPrivateUrls: false, timeoutMs: 1000, maxBytes: 1024, userAgent: 'vigie-test' }),
    bucketMs: BUCKET_MS,
    resolveAfterMs: RESOLVE_AFTER_MS,
    logger: silentLogger,
  });
  return { result, data };
}

describe('backtest: a competitor’s storm beside a calm brand', () => {
  beforeAll(async () => {
    classifier = await loadDefaultClassifier();
  });

  it('counts the competitor apart, keeps the brand silent, and raises one context event for the competitor', async () => {
    const plan = { ...planFromFile({ name: 'Acme', what: { brand: 'Acme', competitors: 'Globex OR Initech' } }), competitorAlerts: true };
    const { result, data } = await replay(plan);

    // The brand's counts hold the brand's mentions only: the competitor's storm never reaches them.
    expect(result.matched).toBe(data.brand);
    expect(result.incidents).toEqual([]);
    expect(result.events.filter((e) => e.competitor === undefined)).toEqual([]);

    const globex = result.events.filter((e) => e.competitor === 'Globex');
    const opened = globex.filter((e) => e.type === 'opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.at).toBeGreaterThanOrEqual(STORM_AT);
    expect(opened[0]!.at).toBeLessThan(STORM_AT + HOUR);
    expect(opened[0]!.incident.counts.negative).toBeGreaterThanOrEqual(5);
    expect(result.events.filter((e) => e.competitor === 'Initech')).toEqual([]);

    const [brand, globexVoice, initech] = result.shareOfVoice;
    expect(result.shareOfVoice).toHaveLength(3);
    expect(brand).toMatchObject({ role: 'brand', total: data.brand });
    expect(globexVoice).toMatchObject({ name: 'Globex', role: 'competitor', total: data.globex });
    expect(initech).toMatchObject({ name: 'Initech', total: 0 });
    expect(globexVoice!.negative).toBeGreaterThanOrEqual(50);
    expect(globexVoice!.negativeShare).toBeGreaterThan(brand!.negativeShare + 0.1);
    expect(brand!.share + globexVoice!.share).toBeCloseTo(1, 10);
  });

  it('counts share of voice without competitor alerts when the plan does not ask for them', async () => {
    const plan = planFromFile({ name: 'Acme', what: { brand: 'Acme', competitors: 'Globex' } });
    const { result, data } = await replay(plan);
    expect(result.shareOfVoice.map((v) => v.total)).toEqual([data.brand, data.globex]);
    expect(result.events).toEqual([]);
  });
});
