import type { Bucket } from '../core/detect/types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Baseline buckets shown before the incident at the least: enough to see the usual level and its noise. */
export const MIN_LEAD_BUCKETS = 24;
/** Baseline shown before the incident, as a multiple of the incident's age: the incident then fills a third. */
export const LEAD_PER_SPAN = 2;
/** Never more history than this (buckets are pruned after VIGIE_BUCKET_RETENTION anyway). */
export const MAX_WINDOW_MS = 14 * DAY;
/** At most this many points: buckets are merged into longer ones beyond it, so that each stays a few pixels wide. */
export const MAX_POINTS = 120;
/** Display bucket lengths tried in order when merging: each reads as a round time on the axis. */
const ROUND_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

export interface ChartWindow {
  /** First instant shown (a bucket start). */
  from: number;
  /** End of the last bucket shown. */
  to: number;
  /** Length of the points drawn: the detector's bucket, or a round multiple of it. */
  bucketMs: number;
}

export interface WindowInput {
  /** Start of the bucket that opened the incident. */
  openedAt: number;
  /** Start of the incident's latest bucket. */
  lastBucketAt: number;
  now: number;
  /** The detector's bucket length. */
  bucketMs: number;
}

/**
 * The time span of an incident's chart: from a baseline before it opened to now. The incident (open → now) fills
 * about a third of the width once it is a few buckets old, and the lead before it is never shorter than
 * MIN_LEAD_BUCKETS buckets, so the usual level is there to compare with; a young incident is its last bars, each
 * wide enough to read, rather than a needle at the right edge of two days. Long windows are drawn with merged
 * buckets (at most MAX_POINTS points).
 */
export function chartWindow(input: WindowInput): ChartWindow {
  const { bucketMs } = input;
  const floor = (t: number): number => Math.floor(t / bucketMs) * bucketMs;
  const to = Math.ceil(Math.max(input.now, input.lastBucketAt + bucketMs) / bucketMs) * bucketMs;
  const opened = Math.min(floor(input.openedAt), to - bucketMs);
  const span = to - opened;
  const lead = Math.max(LEAD_PER_SPAN * span, MIN_LEAD_BUCKETS * bucketMs);
  const from = Math.min(floor(Math.max(opened - lead, to - MAX_WINDOW_MS)), opened - MIN_LEAD_BUCKETS * bucketMs);
  const displayMs = displayBucket(to - from, bucketMs);
  // Merged points start on multiples of their length, so the first one may reach a little further back.
  return { from: Math.floor(from / displayMs) * displayMs, to: Math.ceil(to / displayMs) * displayMs, bucketMs: displayMs };
}

/** The shortest round multiple of the bucket that draws `spanMs` in at most MAX_POINTS points. */
export function displayBucket(spanMs: number, bucketMs: number): number {
  if (spanMs / bucketMs <= MAX_POINTS) return bucketMs;
  const round = ROUND_STEPS.find((step) => step % bucketMs === 0 && spanMs / step <= MAX_POINTS);
  return round ?? Math.ceil(spanMs / MAX_POINTS / bucketMs) * bucketMs;
}

export interface ChartSeries {
  buckets: Bucket[];
  baseline: Array<{ expected: number; spread: number }>;
}

/**
 * The window's points, from the stored buckets (missing ones are zero) and the detector's baseline per stored
 * bucket. A merged point sums its buckets' counts and expectations; spreads add as variances (independent noise).
 */
export function chartSeries(
  window: ChartWindow,
  detectorBucketMs: number,
  stored: readonly Bucket[],
  baselineAt: (start: number) => { expected: number; spread: number },
): ChartSeries {
  const byStart = new Map(stored.map((b) => [b.start, b]));
  const buckets: Bucket[] = [];
  const baseline: ChartSeries['baseline'] = [];
  for (let start = window.from; start < window.to; start += window.bucketMs) {
    const point = { start, total: 0, negative: 0, engagement: 0 };
    let expected = 0;
    let variance = 0;
    for (let inner = start; inner < start + window.bucketMs; inner += detectorBucketMs) {
      const bucket = byStart.get(inner);
      if (bucket) {
        point.total += bucket.total;
        point.negative += bucket.negative;
        point.engagement += bucket.engagement;
      }
      const base = baselineAt(inner);
      expected += base.expected;
      variance += base.spread ** 2;
    }
    buckets.push(point);
    baseline.push({ expected, spread: Math.sqrt(variance) });
  }
  return { buckets, baseline };
}
