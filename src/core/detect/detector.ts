import { z } from 'zod';
import type { Sensitivity } from '../plan.js';
import type { Bucket, Decision, Explanation } from './types.js';
import { binomialTail, negBinomialTail, negBinomialVariance } from './stats.js';

/**
 * The streaming spike detector of one plan.
 *
 * Model. The expected negative count of a bucket is `level × hour[h] × day[d]`: a level that follows the brand
 * (half-life `LEVEL_HALF_LIFE_MS`), an hour-of-day profile and a day-of-week profile (UTC; the day profile
 * starts after a first week), each a ratio of decayed sums of observed and expected counts — the Poisson
 * maximum likelihood of a multiplicative model — shrunk towards 1 by `PROFILE_PRIOR`, so a Monday-morning peak is
 * expected and not a crisis, and a quiet brand keeps a flat profile instead of learning noise.
 *
 * Tests, on every bucket. (1) Negative volume in three windows ending at this bucket — 15 min, 30 min and 2 h
 * (whole buckets; with 5-minute buckets: 3, 6 and 24) — with a negative-binomial tail P(X ≥ observed): a Poisson
 * whose rate itself varies, never a z-score, and an expectation never below `FLOOR` negatives, so 0 → 3 negative
 * posts of a quiet brand stays noise. The spread grows with the brand's size rather than with the hour's
 * expectation: Var = μ + κ μ F, with F the window's expectation without the daily and weekly profiles, since
 * bursts add posts in proportion to how many people follow the brand, not to the hour (`dispersionAt`). Each
 * window's κ is calibrated online on its own tail: it rises a step when a 1-in-100 event under the model occurs
 * and decays otherwise, so at equilibrium 1-in-100 events happen once in 100 buckets; one burst moves it by one
 * step, whatever its size.
 * The shortest window is 15 min, not one bucket: a lone 5-minute burst is more often a bot or a retweet wave,
 * and waiting for 15 minutes of data costs two buckets at most. (2) The share of negatives among all mentions
 * over 2 h against its baseline share, with a binomial tail whose sample size is damped (beta-binomial design
 * effect, `SHARE_CONCENTRATION`) so that thousands of posts do not make 1 % significant: it catches a rising
 * share at flat volume. A bucket alerts when a test's tail probability is at or below its threshold: the
 * sensitivity's `ALPHA` divided by the number of tests (Bonferroni), tightened by "Not a crisis" feedback for
 * surges of a similar ratio (`ThresholdAdjustment`, built by `incident/feedback.ts`), and only when the bucket
 * itself brings negatives above its own expectation (its share above the baseline share, for the share test):
 * a window made significant by its earlier buckets alone is old news, never an alert on an empty bucket.
 *
 * Sensitivity moves ONE knob, the tail-probability threshold: low 1e-6, normal 2e-5, high 1e-2 (see `ALPHA`).
 *
 * Robustness. Estimates learn from a clipped observation (at most expected + 3 σ) so a spike does not lift its
 * own baseline; if volume stays away from the baseline for `ADAPT_AFTER_MS` (a level shift, not a spike), the
 * level is re-anchored on the last hour. "Near baseline" (tail ≥ 1 % in every test) is much looser than the
 * alert threshold: the incident lifecycle resolves on it, which gives hysteresis. The first `WARMUP_MS` of a
 * plan never alert while the baseline is learnt.
 *
 * Cost. O(1) time and memory per bucket: fixed arrays (24 + 7 profile slots, a ring of the last 2 h), and the
 * exact tail only where it can matter. `stepDetector` MUTATES the state it is given and returns the decision; the
 * state is plain JSON (numbers, arrays, null) so the store can persist it, and a state restored from JSON gives
 * identical decisions.
 */

/**
 * The one knob sensitivity moves: the tail-probability threshold of a bucket. With 5-minute buckets (288 a day),
 * normal allows about one chance alarm per plan in six months under the model, so a team watching a handful of
 * brands is not cried wolf at; high is for a situation already under close watch, where moderate surges matter
 * (it catches the ones of the airline backtest); low only answers storms. Normal sits in the middle of the range
 * where the NAB score is flat (about 1e-5 to 5e-5), not on a peak.
 */
export const ALPHA: Record<Sensitivity, number> = { low: 1e-6, normal: 2e-5, high: 1e-2 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Windows of the volume test, by length; each becomes a whole number of buckets (duplicates dropped). */
const WINDOWS_MS = [15 * MINUTE, 30 * MINUTE, 2 * HOUR] as const;
/** The expectation of a window never goes below this many negatives. */
const FLOOR = 1;
/**
 * Longer than a day, so the level averages over whole daily cycles: with a half-day half-life the last half-day
 * would make up half of it, and the level would chase the within-day deviations the hour profile leaves, lowering
 * the bar after a quiet spell. A lasting change of level is followed by re-anchoring after `ADAPT_AFTER_MS` away
 * from the baseline, not by this half-life.
 */
const LEVEL_HALF_LIFE_MS = 36 * HOUR;
const FAST_LEVEL_HALF_LIFE_MS = HOUR;
/** Half-lives of the profiles in days of data: each hour slot learns from one hour a day. */
const HOUR_PROFILE_HALF_LIFE_DAYS = 7;
const DAY_PROFILE_HALF_LIFE_WEEKS = 3;
/** Overdispersion is calibrated so that tails below this happen at this rate (see `step`). */
const CALIBRATION_TAIL = 0.01;
const CALIBRATION_STEP = 0.05;
const MAX_KAPPA = 20;
const SHARE_HALF_LIFE_MS = 3 * DAY;
/** Prior weight of the profiles, in expected negatives: a quiet brand keeps a flat profile. */
const PROFILE_PRIOR = 10;
const MIN_KAPPA = 0.02;
const INITIAL_KAPPA = 0.5;
/** Observations learn at most expected + CLIP_SIGMAS · σ. */
const CLIP_SIGMAS = 3;
/** A window is "near baseline" when its tail probability is at least this (hysteresis: alerts need ALPHA). */
const NEAR_BASELINE_TAIL = 0.01;
const SHARE_CONCENTRATION = 100;
const EXACT_TAIL_SIGMAS = 1.5;
const WARMUP_MS = DAY;
const ADAPT_AFTER_MS = 12 * HOUR;
/** Longer gaps between buckets restart the windows instead of replaying empty buckets. */
const MAX_REPLAYED_GAP_MS = WEEK;

export const DetectorStateSchema = z.object({
  version: z.literal(1),
  bucketMs: z.number().positive(),
  lastStart: z.number().nullable(),
  /** Buckets seen since the state was created (for the warm-up). */
  seen: z.number().int().nonnegative(),
  /** Decayed sums of clipped negatives and of seasonal factors: level = [0] / [1]. */
  levelSums: z.tuple([z.number(), z.number()]),
  /** The same, unclipped and fast: where the level goes after a sustained shift. */
  fastSums: z.tuple([z.number(), z.number()]),
  /** Hour-of-day (UTC) and day-of-week profiles, and their decayed sums of observed and expected negatives. */
  hour: z.array(z.number()).length(24),
  hourSums: z.array(z.tuple([z.number(), z.number()])).length(24),
  day: z.array(z.number()).length(7),
  daySums: z.array(z.tuple([z.number(), z.number()])).length(7),
  /** Overdispersion of each volume window (Var = μ + κ μ F, see `dispersionAt`). */
  kappa: z.array(z.number()),
  /** Ring of the last buckets: negative count, its expectation, total count. */
  ring: z.object({ negative: z.array(z.number()), expected: z.array(z.number()), total: z.array(z.number()), pos: z.number().int() }),
  shareNegative: z.number().nonnegative(),
  shareTotal: z.number().nonnegative(),
  /** Start of the current run of buckets away from the baseline. */
  awaySince: z.number().nullable(),
});
export type DetectorState = z.infer<typeof DetectorStateSchema>;

/** Threshold tightening from "Not a crisis" feedback, built by `feedback.ts` (`thresholdAdjustment`). */
export interface ThresholdAdjustment {
  /** Each entry tightens the threshold by `decades` powers of ten for observations with ratio ≤ `upToRatio`. */
  entries: Array<{ upToRatio: number; decades: number }>;
  /** Total tightening never exceeds this many decades. */
  maxDecades: number;
}

export interface DetectorOptions {
  bucketMs: number;
  sensitivity: Sensitivity;
  adjustment?: ThresholdAdjustment;
}

export class DetectorError extends Error {
  constructor(
    readonly code: 'E_DETECT_ORDER' | 'E_DETECT_BUCKET',
    message: string,
  ) {
    super(message);
    this.name = 'DetectorError';
  }
}

/** What depends on the bucket length only, computed once per length. */
interface Model {
  bucketMs: number;
  /** Window lengths in buckets, shortest first. */
  sizes: number[];
  keepLevel: number;
  keepFast: number;
  keepHour: number;
  keepDay: number;
  keepShare: number;
  calibrateUp: number;
  calibrateDown: number;
}

const models = new Map<number, Model>();

/** Share of a decayed sum kept after `elapsed` with this half-life. */
const keep = (elapsed: number, halfLife: number): number => 2 ** (-elapsed / halfLife);

function modelFor(bucketMs: number): Model {
  let model = models.get(bucketMs);
  if (!model) {
    const sizes: number[] = [];
    for (const ms of WINDOWS_MS) {
      const size = Math.max(1, Math.round(ms / bucketMs));
      if (!sizes.includes(size)) sizes.push(size);
    }
    model = {
      bucketMs,
      sizes,
      keepLevel: keep(bucketMs, LEVEL_HALF_LIFE_MS),
      keepFast: keep(bucketMs, FAST_LEVEL_HALF_LIFE_MS),
      // Each hour slot learns during its own hour only: its half-life counts that hour's buckets.
      keepHour: keep(1, HOUR_PROFILE_HALF_LIFE_DAYS * Math.max(1, HOUR / bucketMs)),
      keepDay: keep(1, (DAY_PROFILE_HALF_LIFE_WEEKS * DAY) / bucketMs),
      keepShare: keep(bucketMs, SHARE_HALF_LIFE_MS),
      calibrateUp: Math.exp(CALIBRATION_STEP * (1 - CALIBRATION_TAIL)),
      calibrateDown: Math.exp(-CALIBRATION_STEP * CALIBRATION_TAIL),
    };
    models.set(bucketMs, model);
  }
  return model;
}

export function createDetectorState(bucketMs: number): DetectorState {
  const sizes = modelFor(bucketMs).sizes;
  const ringLength = sizes[sizes.length - 1]!;
  return {
    version: 1,
    bucketMs,
    lastStart: null,
    seen: 0,
    levelSums: [0, 0],
    fastSums: [0, 0],
    hour: new Array<number>(24).fill(1),
    hourSums: Array.from({ length: 24 }, (): [number, number] => [0, 0]),
    day: new Array<number>(7).fill(1),
    daySums: Array.from({ length: 7 }, (): [number, number] => [0, 0]),
    kappa: sizes.map(() => INITIAL_KAPPA),
    ring: {
      negative: new Array<number>(ringLength).fill(0),
      expected: new Array<number>(ringLength).fill(0),
      total: new Array<number>(ringLength).fill(0),
      pos: 0,
    },
    shareNegative: 0,
    shareTotal: 0,
    awaySince: null,
  };
}

/**
 * A state read back from the store, or a fresh one when it is missing, invalid, from another version or for
 * another bucket length (the profiles are relearnt: the first day then does not alert).
 */
export function restoreDetectorState(raw: unknown, bucketMs: number): DetectorState {
  const parsed = DetectorStateSchema.safeParse(raw);
  if (!parsed.success || parsed.data.bucketMs !== bucketMs) return createDetectorState(bucketMs);
  const state = parsed.data;
  const sizes = modelFor(bucketMs).sizes;
  if (state.kappa.length !== sizes.length || state.ring.negative.length !== sizes[sizes.length - 1]) {
    return createDetectorState(bucketMs);
  }
  return state;
}

/** UTC hour of day 0..23 and day of week 0 (Sunday)..6, with integer arithmetic. */
function hourOf(start: number): number {
  const hour = Math.floor(start / HOUR) % 24;
  return hour < 0 ? hour + 24 : hour;
}
function dayOf(start: number): number {
  const day = (Math.floor(start / DAY) + 4) % 7; // 1970-01-01 was a Thursday
  return day < 0 ? day + 7 : day;
}

/** Expected negative count (before the floor) of a bucket starting at `start`. */
function rawExpectation(state: DetectorState, start: number): number {
  return levelOf(state) * state.hour[hourOf(start)]! * state.day[dayOf(start)]!;
}

/** Expectation and one spread of a bucket's negative count (for charts and for `show`). */
export function baselineOf(state: DetectorState, start: number): { expected: number; spread: number } {
  const expected = rawExpectation(state, start);
  const mean = Math.max(expected, FLOOR);
  const kappa = dispersionAt(state.kappa[0]!, mean, levelOf(state));
  return { expected, spread: Math.sqrt(negBinomialVariance(mean, kappa)) };
}

/**
 * The overdispersion of a window whose expectation is `mean` and would be `flat` without the daily and weekly
 * profiles: κ · flat / mean, so Var = mean + κ · mean · flat. Bursts (a retweet wave, a bot, one article) add
 * posts in proportion to the brand's size, not to the hour's expectation: a quiet hour is relatively noisier
 * than a peak hour, and a burst at night is not a crisis merely because the night is quiet. Capped at `MAX_KAPPA`,
 * where the shortcut to the exact tail (`EXACT_TAIL_SIGMAS`) still holds.
 */
function dispersionAt(kappa: number, mean: number, flat: number): number {
  const scaled = (kappa * Math.max(flat, FLOOR)) / mean;
  return Math.min(scaled, MAX_KAPPA);
}

function thresholdFor(alpha: number, ratio: number, adjustment: ThresholdAdjustment | undefined): number {
  if (!adjustment) return alpha;
  let decades = 0;
  for (const entry of adjustment.entries) if (ratio <= entry.upToRatio) decades += entry.decades;
  return alpha * 10 ** -Math.min(decades, adjustment.maxDecades);
}

/** 0..1, 0.5 exactly at the threshold, 1 at its square. */
function scoreOf(tail: number, threshold: number): number {
  if (tail >= 1) return 0;
  if (tail <= 0) return 1;
  return Math.min(1, (0.5 * Math.log(tail)) / Math.log(threshold));
}

/** Learn from one bucket (already tested): clipped, so that a spike does not become its own baseline. */
function learn(
  state: DetectorState,
  model: Model,
  day: number,
  hour: number,
  negative: number,
  total: number,
  expected: number,
  away: boolean,
): void {
  const hourFactor = state.hour[hour]!;
  const dayFactor = state.day[day]!;
  const mean = Math.max(expected, FLOOR);
  const level = levelOf(state);
  const cap = mean + CLIP_SIGMAS * Math.sqrt(negBinomialVariance(mean, dispersionAt(state.kappa[0]!, mean, level)));
  const clipped = state.seen === 0 || negative < cap ? negative : cap;
  const seasonal = hourFactor * dayFactor;

  // Ratios of decayed sums (the Poisson maximum likelihood of a multiplicative model): a quiet hour with a
  // tiny expectation weighs little, and zeros never drive a factor to 0 or the level to infinity.
  state.levelSums[0] = state.levelSums[0] * model.keepLevel + clipped;
  state.levelSums[1] = state.levelSums[1] * model.keepLevel + seasonal;
  state.fastSums[0] = state.fastSums[0] * model.keepFast + negative;
  state.fastSums[1] = state.fastSums[1] * model.keepFast + seasonal;

  if (level > 0) {
    const hourSums = state.hourSums[hour]!;
    hourSums[0] = hourSums[0] * model.keepHour + clipped;
    hourSums[1] = hourSums[1] * model.keepHour + level * dayFactor;
    state.hour[hour] = (hourSums[0] + PROFILE_PRIOR) / (hourSums[1] + PROFILE_PRIOR);
    // The day profile only starts once a first week is known: before that every day looks alike and the
    // hour profile would be learnt twice.
    if (state.seen * model.bucketMs >= WEEK) {
      const daySums = state.daySums[day]!;
      daySums[0] = daySums[0] * model.keepDay + clipped;
      daySums[1] = daySums[1] * model.keepDay + level * state.hour[hour]!;
      state.day[day] = (daySums[0] + PROFILE_PRIOR) / (daySums[1] + PROFILE_PRIOR);
    }
  }

  if (!away) {
    state.shareNegative = state.shareNegative * model.keepShare + negative;
    state.shareTotal = state.shareTotal * model.keepShare + total;
  }
}

function levelOf(state: DetectorState): number {
  return state.levelSums[1] > 0 ? state.levelSums[0] / state.levelSums[1] : 0;
}

function step(state: DetectorState, bucket: Bucket, options: DetectorOptions): Decision {
  const model = modelFor(state.bucketMs);
  const { bucketMs, sizes } = model;
  const ring = state.ring;
  const length = ring.negative.length;
  const day = dayOf(bucket.start);
  const hour = hourOf(bucket.start);
  const levelNow = levelOf(state);
  const expectedNow = levelNow * state.hour[hour]! * state.day[day]!;

  ring.pos = (ring.pos + 1) % length;
  ring.negative[ring.pos] = bucket.negative;
  ring.expected[ring.pos] = expectedNow;
  ring.total[ring.pos] = bucket.total;

  const alpha = ALPHA[options.sensitivity] / (sizes.length + 1);
  const warm = state.seen * bucketMs >= WARMUP_MS;
  // An alert reports negatives arriving now: a window only alerts when its newest bucket is itself above its
  // expectation. Otherwise a window made significant by earlier buckets alone — its expectation fell at an hour
  // boundary, or neutral posts made its share more certain — would alert on a bucket without a single negative.
  const arriving = bucket.negative > expectedNow;
  let near = true;
  // The most significant test so far, kept in locals: the explanation object is built once, at the end.
  let bestScore = -1;
  let bestWindow = 0;
  let bestMetric: Explanation['metric'] = 'negative';
  let bestObserved = 0;
  let bestExpected = 0;
  let bestSpread = 0;
  let bestRatio = 0;
  let bestTail = 1;
  let bestThreshold = alpha;
  let bestKappa = 0;

  let observed = 0;
  let expected = 0;
  let total = 0;
  let filled = 0;
  for (let w = 0; w < sizes.length; w++) {
    const size = sizes[w]!;
    for (; filled < size; filled++) {
      const i = ring.pos >= filled ? ring.pos - filled : ring.pos - filled + length;
      observed += ring.negative[i]!;
      expected += ring.expected[i]!;
      total += ring.total[i]!;
    }
    const mean = Math.max(expected, FLOOR);
    const kappa = dispersionAt(state.kappa[w]!, mean, levelNow * size);
    const variance = mean + kappa * mean * mean;
    // Up to mean + 1.5 σ the tail stays above 3 % for every mean ≥ FLOOR and κ ≤ MAX_KAPPA, above every
    // threshold used here: the exact tail is only computed where it can matter (and for the explanation).
    const exact = observed > mean + EXACT_TAIL_SIGMAS * Math.sqrt(variance);
    const tail = exact ? negBinomialTail(observed, mean, kappa) : 1;
    const ratio = observed / mean;
    const threshold = options.adjustment ? thresholdFor(alpha, ratio, options.adjustment) : alpha;
    const score = warm && arriving ? scoreOf(tail, threshold) : 0;
    if (tail < NEAR_BASELINE_TAIL) near = false;
    if (score > bestScore) {
      bestScore = score;
      bestWindow = w;
      bestObserved = observed;
      bestExpected = mean;
      bestSpread = variance;
      bestRatio = ratio;
      bestTail = exact ? tail : Number.NaN;
      bestThreshold = threshold;
      bestKappa = kappa;
    }
    // Calibrate this window's overdispersion on its own tail: at equilibrium a 1-in-100 event under the model
    // happens in 1 % of the buckets. One burst moves it by one step per bucket it stays in the window, whatever
    // its size, which moments (squared residuals) would not do with heavy-tailed counts. A long window thus
    // grows more cautious after bursts than a short one: the short windows catch spikes, the long one ramps.
    const exceeded = tail < CALIBRATION_TAIL;
    if (state.seen > 0) {
      const next = state.kappa[w]! * (exceeded ? model.calibrateUp : model.calibrateDown);
      state.kappa[w] = next < MIN_KAPPA ? MIN_KAPPA : Math.min(next, MAX_KAPPA);
    }
  }

  // Share of negatives over the longest window, against the baseline share.
  const share = total > 0 ? observed / total : 0;
  const baseShare = state.shareTotal > 0 ? state.shareNegative / state.shareTotal : 0;
  if (total > 0 && baseShare > 0 && baseShare < 1 && share > baseShare) {
    const designEffect = 1 + (total - 1) / (SHARE_CONCENTRATION + 1);
    const n = total / designEffect;
    const k = observed / designEffect;
    const tail = binomialTail(k, n, baseShare);
    const ratio = share / baseShare;
    const threshold = options.adjustment ? thresholdFor(alpha, ratio, options.adjustment) : alpha;
    const score = warm && bucket.negative > bucket.total * baseShare ? scoreOf(tail, threshold) : 0;
    if (tail < NEAR_BASELINE_TAIL) near = false;
    if (score > bestScore) {
      bestScore = score;
      bestWindow = sizes.length - 1;
      bestMetric = 'share';
      bestObserved = share;
      bestExpected = baseShare;
      bestSpread = (baseShare * (1 - baseShare)) / n;
      bestRatio = ratio;
      bestTail = tail;
      bestThreshold = threshold;
    }
  }

  // The explanation's tail is always exact, with the κ the test used.
  if (Number.isNaN(bestTail)) bestTail = negBinomialTail(bestObserved, bestExpected, bestKappa);
  const away = !near;
  learn(state, model, day, hour, bucket.negative, bucket.total, expectedNow, away);

  if (away) {
    state.awaySince ??= bucket.start;
    if (bucket.start - state.awaySince >= ADAPT_AFTER_MS) {
      // A level shift: stop treating the new normal as an anomaly.
      const fast = state.fastSums[1] > 0 ? state.fastSums[0] / state.fastSums[1] : 0;
      state.levelSums[0] = fast * state.levelSums[1];
      state.awaySince = null;
    }
  } else {
    state.awaySince = null;
  }
  state.lastStart = bucket.start;
  state.seen += 1;

  return {
    bucketStart: bucket.start,
    alert: bestScore >= 0.5,
    score: bestScore,
    nearBaseline: near,
    explanation: {
      metric: bestMetric,
      observed: bestObserved,
      expected: bestExpected,
      spread: Math.sqrt(bestSpread),
      windowMs: sizes[bestWindow]! * bucketMs,
      ratio: bestRatio,
      tailProbability: bestTail,
      threshold: bestThreshold,
      slot: { day, hour },
    },
  };
}

/**
 * Test one closed bucket against the plan's baseline, then learn from it. Buckets must come in order, one per
 * `bucketMs`; a missing bucket counts as an empty one (replayed, up to a week; a longer gap restarts the windows).
 * Mutates `state`. Throws a `DetectorError` for a bucket at or before the previous one or not aligned.
 */
export function stepDetector(state: DetectorState, bucket: Bucket, options: DetectorOptions): Decision {
  const { bucketMs } = state;
  if (options.bucketMs !== bucketMs) {
    throw new DetectorError('E_DETECT_BUCKET', `bucket length ${options.bucketMs} ms does not match the state's ${bucketMs} ms`);
  }
  if (state.lastStart !== null) {
    if (bucket.start <= state.lastStart) {
      throw new DetectorError('E_DETECT_ORDER', `bucket ${bucket.start} is not after the last one (${state.lastStart})`);
    }
    const gap = bucket.start - state.lastStart - bucketMs;
    if (gap > MAX_REPLAYED_GAP_MS) {
      const fresh = createDetectorState(bucketMs);
      state.ring = fresh.ring;
      state.awaySince = null;
      state.lastStart = bucket.start - bucketMs;
    } else {
      for (let start = state.lastStart + bucketMs; start < bucket.start; start += bucketMs) {
        step(state, { start, negative: 0, total: 0, engagement: 0 }, options);
      }
    }
  }
  return step(state, bucket, options);
}
