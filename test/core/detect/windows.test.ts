import { describe, expect, it } from 'vitest';
import { createDetectorState, stepDetector } from '../../../src/core/detect/detector.js';
import { BUCKET_MS, HOUR, MONDAY, overdispersed, perDay, poisson, random, rhythm, run } from './synthetic.js';

const HOUR_BUCKETS = HOUR / BUCKET_MS;

describe('detector windows, 5 minutes to 6 hours', () => {
  it('alerts early in a slow rise: a six-hour ramp to four times the usual, caught in its first two hours', () => {
    const rand = random(31);
    // Two weeks, then a morning (08:00) rise that never jumps from one bucket to the next.
    const base = run(14 * perDay + 8 * HOUR_BUCKETS, (_, start) => ({ negative: overdispersed(20 * rhythm(start), 0.15, rand) }));
    const rise = 6 * HOUR_BUCKETS;
    const ramp = run(rise, (i, start) => ({ negative: poisson(20 * rhythm(start) * (1 + (3 * (i + 1)) / rise), rand) }), {}, base.state);
    const first = ramp.decisions.findIndex((d) => d.alert);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(rise / 3);
    // At that point the volume is still under twice the usual.
    expect(ramp.decisions[first]!.explanation.ratio).toBeLessThan(2);
    for (let i = 1; i < ramp.buckets.length; i++) {
      expect(Math.abs(ramp.buckets[i]!.negative - ramp.buckets[i - 1]!.negative)).toBeLessThan(60);
    }
  });

  it('skips a gap of unobserved buckets instead of counting it as zeros', () => {
    const make = (): ((i: number, start: number) => { negative: number }) => {
      const rand = random(33);
      return (_, start) => ({ negative: poisson(30 * rhythm(start), rand) });
    };
    const history = run(10 * perDay, make());
    const resume = MONDAY + 13 * perDay * BUCKET_MS + 9 * HOUR;
    const alertsAfterGap = (gaps: 'empty' | 'unobserved'): boolean[] => {
      const state = structuredClone(history.state);
      const rand = random(34);
      return Array.from({ length: 2 * HOUR_BUCKETS }, (_, i) => {
        const start = resume + i * BUCKET_MS;
        return stepDetector(
          state,
          { start, negative: poisson(30 * rhythm(start), rand), total: 0, engagement: 0 },
          { bucketMs: BUCKET_MS, sensitivity: 'normal', gaps },
        ).alert;
      });
    };
    // Three days without readings, then the usual volume: nothing to report.
    expect(alertsAfterGap('unobserved').some(Boolean)).toBe(false);
    // Read as three days of silence, the same volume looks like a surge (the level has sunk meanwhile).
    expect(alertsAfterGap('empty').some(Boolean)).toBe(true);
  });

  it('keeps its per-window sums equal to the sums of the ring, through wraps and gaps', () => {
    const rand = random(35);
    const state = createDetectorState(BUCKET_MS);
    const options = { bucketMs: BUCKET_MS, sensitivity: 'normal' as const, gaps: 'unobserved' as const };
    let start = MONDAY;
    for (let i = 0; i < 3 * perDay; i++) {
      start += (i % 97 === 0 ? 7 : 1) * BUCKET_MS;
      stepDetector(state, { start, negative: poisson(12, rand), total: poisson(40, rand), engagement: 0 }, options);
    }
    const { ring } = state;
    const sizes = [1, 6, 24, 72];
    expect(state.sums).toHaveLength(sizes.length);
    sizes.forEach((size, w) => {
      let negative = 0;
      let expected = 0;
      for (let k = 0; k < size; k++) {
        const i = (ring.pos - k + ring.negative.length) % ring.negative.length;
        negative += ring.negative[i]!;
        expected += ring.expected[i]!;
      }
      expect(state.sums[w]![0]).toBeCloseTo(negative, 6);
      expect(state.sums[w]![1]).toBeCloseTo(expected, 6);
    });
  });
});
