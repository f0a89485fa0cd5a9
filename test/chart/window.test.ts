import { describe, expect, it } from 'vitest';
import { chartSeries, chartWindow, displayBucket, LEAD_PER_SPAN, MAX_POINTS, MAX_WINDOW_MS, MIN_LEAD_BUCKETS } from '../../src/chart/window.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUCKET = 5 * MINUTE;
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

/** The share of the chart's width the incident takes: from its bucket to the right edge. */
const incidentShare = (w: { from: number; to: number }, openedAt = T0): number => (w.to - openedAt) / (w.to - w.from);

describe('chartWindow: which span an incident chart shows', () => {
  it('a just-opened incident: its buckets at the right, after two hours of baseline, at the detector’s bucket', () => {
    // Alerted when its bucket is stepped, one bucket after it closed.
    const w = chartWindow({ openedAt: T0, lastBucketAt: T0, now: T0 + 2 * BUCKET + 20_000, bucketMs: BUCKET });
    expect(w.bucketMs).toBe(BUCKET);
    expect(w.to).toBe(T0 + 3 * BUCKET);
    expect(w.from).toBe(T0 - MIN_LEAD_BUCKETS * BUCKET);
    // 27 points: each bar about 33 px of the 890 px plot, where the old 48 h window gave 1.5 px.
    expect((w.to - w.from) / w.bucketMs).toBe(27);
  });

  it('a growing incident fills a third of the chart, with twice its age of baseline before it', () => {
    for (const age of [2 * HOUR, 6 * HOUR, 30 * HOUR]) {
      const w = chartWindow({ openedAt: T0, lastBucketAt: T0 + age - BUCKET, now: T0 + age, bucketMs: BUCKET });
      expect(w.from).toBeLessThanOrEqual(T0 - LEAD_PER_SPAN * age);
      expect(incidentShare(w)).toBeGreaterThan(0.3);
      expect(incidentShare(w)).toBeLessThanOrEqual(1 / (1 + LEAD_PER_SPAN) + 0.01);
      expect((w.to - w.from) / w.bucketMs).toBeLessThanOrEqual(MAX_POINTS);
    }
  });

  it('merges buckets into round, longer points when the window is long, aligned on their length', () => {
    const w = chartWindow({ openedAt: T0, lastBucketAt: T0 + 30 * HOUR, now: T0 + 30 * HOUR + BUCKET, bucketMs: BUCKET });
    expect(w.bucketMs).toBe(HOUR);
    expect(w.from % HOUR).toBe(0);
    expect(w.to % HOUR).toBe(0);
    expect(w.to).toBeGreaterThanOrEqual(T0 + 30 * HOUR + BUCKET);
  });

  it('never reaches back more than two weeks, yet always keeps a baseline before a very long incident', () => {
    const long = chartWindow({ openedAt: T0 - 10 * DAY, lastBucketAt: T0, now: T0 + BUCKET, bucketMs: BUCKET });
    expect(long.to - long.from).toBeLessThanOrEqual(MAX_WINDOW_MS + long.bucketMs);
    const huge = chartWindow({ openedAt: T0 - 20 * DAY, lastBucketAt: T0, now: T0 + BUCKET, bucketMs: BUCKET });
    expect(huge.from).toBeLessThanOrEqual(T0 - 20 * DAY - MIN_LEAD_BUCKETS * BUCKET);
  });

  it('works for hourly buckets and for a chart sent late (after quiet hours): now is the right edge', () => {
    const hourly = chartWindow({ openedAt: T0, lastBucketAt: T0, now: T0 + HOUR + 1, bucketMs: HOUR });
    expect(hourly).toEqual({ from: T0 - MIN_LEAD_BUCKETS * HOUR, to: T0 + 2 * HOUR, bucketMs: HOUR });
    const late = chartWindow({ openedAt: T0, lastBucketAt: T0, now: T0 + 8 * HOUR, bucketMs: BUCKET });
    expect(late.to).toBe(T0 + 8 * HOUR);
    expect(incidentShare(late)).toBeCloseTo(1 / 3, 1);
  });
});

describe('displayBucket', () => {
  it('keeps the detector’s bucket while it fits, then the shortest round multiple that does', () => {
    expect(displayBucket(MAX_POINTS * BUCKET, BUCKET)).toBe(BUCKET);
    expect(displayBucket(MAX_POINTS * BUCKET + 1, BUCKET)).toBe(10 * MINUTE);
    expect(displayBucket(3 * DAY, 15 * MINUTE)).toBe(HOUR);
    // 45-minute buckets divide a day but no round step before 3 h is a multiple of them.
    expect(displayBucket(10 * DAY, 45 * MINUTE)).toBe(3 * HOUR);
    expect(displayBucket(400 * DAY, DAY)).toBe(4 * DAY);
  });
});

describe('chartSeries', () => {
  it('fills missing buckets with zero, and merges counts and baselines (spreads as variances)', () => {
    const window = { from: T0, to: T0 + 2 * 10 * MINUTE, bucketMs: 10 * MINUTE };
    const stored = [
      { start: T0, total: 10, negative: 4, engagement: 1 },
      { start: T0 + 15 * MINUTE, total: 7, negative: 3, engagement: 2 },
    ];
    const asked: number[] = [];
    const series = chartSeries(window, BUCKET, stored, (start) => {
      asked.push(start);
      return { expected: 2, spread: 3 };
    });
    expect(series.buckets).toEqual([
      { start: T0, total: 10, negative: 4, engagement: 1 },
      { start: T0 + 10 * MINUTE, total: 7, negative: 3, engagement: 2 },
    ]);
    expect(asked).toEqual([T0, T0 + BUCKET, T0 + 2 * BUCKET, T0 + 3 * BUCKET]);
    expect(series.baseline).toEqual([
      { expected: 4, spread: Math.sqrt(18) },
      { expected: 4, spread: Math.sqrt(18) },
    ]);
  });
});
