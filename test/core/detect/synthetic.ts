import type { Bucket, Decision } from '../../../src/core/detect/types.js';
import { createDetectorState, stepDetector, type DetectorOptions, type DetectorState } from '../../../src/core/detect/detector.js';

export const BUCKET_MS = 5 * 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Monday, 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 0, 5);

/** Deterministic uniform numbers in [0, 1) (mulberry32), so every run sees the same series. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw: inversion for small means, a rounded normal for large ones. */
export function poisson(mean: number, rand: () => number): number {
  if (mean > 60) {
    const z = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const u = rand();
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  while (u > cumulative && k < 1000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** Daily rhythm: quiet at night, a peak at 09:00 and 14:00 UTC; weekends at half volume. */
export function rhythm(start: number): number {
  const hour = new Date(start).getUTCHours();
  const day = new Date(start).getUTCDay();
  const daily = 0.3 + 1.7 * Math.exp(-((hour - 9) ** 2) / 8) + 1.2 * Math.exp(-((hour - 14) ** 2) / 6);
  return daily * (day === 0 || day === 6 ? 0.5 : 1);
}

export interface Run {
  state: DetectorState;
  decisions: Decision[];
  buckets: Bucket[];
}

/** Step a detector over buckets built by `make(i, start)`. */
export function run(
  count: number,
  make: (i: number, start: number) => { negative: number; total?: number },
  options: Partial<DetectorOptions> = {},
  state: DetectorState = createDetectorState(BUCKET_MS),
  from = MONDAY,
): Run {
  const decisions: Decision[] = [];
  const buckets: Bucket[] = [];
  const opts: DetectorOptions = { bucketMs: BUCKET_MS, sensitivity: 'normal', ...options };
  const first = state.lastStart === null ? from : state.lastStart + BUCKET_MS;
  for (let i = 0; i < count; i++) {
    const start = first + i * BUCKET_MS;
    const { negative, total } = make(i, start);
    const bucket = { start, negative, total: total ?? negative, engagement: 0 };
    buckets.push(bucket);
    decisions.push(stepDetector(state, bucket, opts));
  }
  return { state, decisions, buckets };
}

export const perDay = DAY / BUCKET_MS;

/** A standard normal draw (Box–Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** A Poisson draw whose mean wanders log-normally (spread `sigma`) around `mean`: overdispersed, like real counts. */
export function overdispersed(mean: number, sigma: number, rand: () => number): number {
  return poisson(mean * Math.exp(sigma * normal(rand) - (sigma * sigma) / 2), rand);
}
