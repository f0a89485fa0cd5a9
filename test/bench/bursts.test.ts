import { describe, expect, it } from 'vitest';
import type { Bucket, Decision } from '../../src/core/detect/types.js';
import { brandOf, NEGATIVE_SHARE } from '../../bench/bursts/brands.js';
import { EVENTS, inject } from '../../bench/bursts/events.js';
import { BUCKET_MS, calmSites, measureBrand, type DetectorUnderTest } from '../../bench/bursts/measure.js';
import { poisson, uniform } from '../../bench/bursts/random.js';
import type { NabFile } from '../../bench/nab/dataset.js';

const DAY = 288;
const START = Date.UTC(2015, 1, 26);

/** Twenty days of counts around `mean` per 5 minutes, with one labelled window on day 12. */
function file(mean: number): NabFile {
  const rand = uniform(3);
  const values = Array.from({ length: 20 * DAY }, () => poisson(mean, rand));
  const times = values.map((_, i) => START + i * BUCKET_MS);
  return { name: 'synthetic.csv', timestamps: times.map((t) => new Date(t).toISOString()), times, values, windows: [[12 * DAY, 12 * DAY + 100]] };
}

/** Alerts when a bucket's negatives exceed twice the running mean of the buckets before it (no incidents of its own). */
const doubling: DetectorUnderTest<{ sum: number; n: number }> = {
  create: () => ({ sum: 0, n: 0 }),
  step: (state, bucket: Bucket): Decision => {
    const mean = state.n > 0 ? state.sum / state.n : 0;
    const alert = state.n > DAY && bucket.negative > 2 * mean + 3;
    state.sum += bucket.negative;
    state.n += 1;
    return {
      bucketStart: bucket.start,
      alert,
      score: alert ? 1 : 0,
      nearBaseline: !alert,
      explanation: {
        metric: 'negative',
        observed: bucket.negative,
        expected: mean,
        spread: 1,
        windowMs: BUCKET_MS,
        ratio: 1,
        tailProbability: 1,
        threshold: 0.5,
      },
    };
  },
  clone: (state) => ({ ...state }),
};

describe('semi-synthetic brands and events', () => {
  it('brings a file to a volume by thinning or scaling, with the negative share asked for', () => {
    const big = file(50);
    const thinned = brandOf(big, 5, 1)!;
    const sorted = [...thinned.total].sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThanOrEqual(4);
    expect(sorted[sorted.length >> 1]).toBeLessThanOrEqual(6);
    const scaled = brandOf(big, 500, 1)!;
    const mean = scaled.total.reduce((a, b) => a + b, 0) / scaled.total.length;
    expect(mean).toBeGreaterThan(450);
    expect(mean).toBeLessThan(550);
    const share = scaled.negative.reduce((a, b) => a + b, 0) / scaled.total.reduce((a, b) => a + b, 0);
    expect(share).toBeCloseTo(NEGATIVE_SHARE, 2);
    // A quiet file is not scaled up into a staircase.
    expect(brandOf(file(2), 100, 1)).toBeUndefined();
    const quiet = brandOf(big, 0, 1)!;
    expect(quiet.total.reduce((a, b) => a + b, 0) / quiet.total.length).toBeCloseTo(0.4, 1);
  });

  it('injects each event as specified: extra negatives for volume events, a higher share at flat volume', () => {
    const brand = brandOf(file(50), 100, 2)!;
    const rand = uniform(9);
    expect(EVENTS.length).toBeGreaterThan(0);
    const injections = EVENTS.map((event) => ({ event, injected: inject(brand, 5 * DAY, event, rand) }));
    for (const { event, injected } of injections) {
      expect(injected.negative).toHaveLength(event.buckets);
      const extra = injected.negative.reduce((a, b) => a + b, 0) - brand.negative.slice(5 * DAY, 5 * DAY + event.buckets).reduce((a, b) => a + b, 0);
      expect(extra).toBeGreaterThan(0);
    }
    // Share events exist among the events, so the flat-volume check runs.
    const shareEvents = injections.filter(({ event }) => event.share);
    expect(shareEvents.length).toBeGreaterThan(0);
    for (const { event, injected } of shareEvents) expect(injected.total).toEqual(brand.total.slice(5 * DAY, 5 * DAY + event.buckets));
  });

  it('puts sites only in calm stretches, a week in, clear of labelled windows', () => {
    const sites = calmSites(20 * DAY, [[12 * DAY, 12 * DAY + 100]]);
    expect(sites.length).toBeGreaterThan(5);
    for (const site of sites) {
      expect(site).toBeGreaterThanOrEqual(7 * DAY);
      expect(site + 2 * DAY < 12 * DAY || site - DAY > 12 * DAY + 100).toBe(true);
    }
  });

  it('measures detections, delays and chance alarms of a detector', () => {
    const source = file(50);
    const brand = brandOf(source, 100, 4)!;
    const result = measureBrand(brand, source.times, source.windows, doubling, 'normal', 4);
    expect(result.delays).toHaveLength(EVENTS.length);
    const burst20 = result.delays[EVENTS.findIndex((e) => e.label.startsWith('burst ×20'))]!;
    expect(burst20.length).toBeGreaterThan(0);
    // A twenty-fold burst doubles the first bucket: seen in the first 5 minutes every time.
    expect(burst20.every((d) => d === 5)).toBe(true);
    // The slower the ramp, the later a doubling shows up.
    const median = (label: string): number => {
      const found = result.delays[EVENTS.findIndex((e) => e.label.includes(label))]!.filter((d): d is number => d !== null).sort((a, b) => a - b);
      expect(found.length).toBeGreaterThan(0);
      return found[found.length >> 1]!;
    };
    expect(median('over 2 h')).toBeLessThan(median('over 6 h'));
    expect(median('over 6 h')).toBeLessThan(median('over 12 h'));
    expect(result.chance.months).toBeGreaterThan(0.3);
    expect(result.chance.opened).toBe(0);
  });
});
