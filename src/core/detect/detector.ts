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
 * maximum likelihood of a multiplicative model — shrunk towards 1 by a prior worth `PROFILE_PRIOR` negatives or
 * one day of the slot's own volume, whichever is more (`PROFILE_PRIOR_MS`), so a Monday-morning peak is expected
 * and not a crisis, a quiet brand keeps a flat profile instead of learning noise, and a storm on the first day a
 * slot learns does not become that slot's normal.
 *
 * Tests, on every bucket. (1) Negative volume in four windows ending at this bucket — 5 min, 30 min, 2 h and 6 h
 * (whole buckets, duplicates dropped) — each with a count-aware tail P(X ≥ observed): a negative binomial, never a
 * z-score, whose expectation is never below `FLOOR` negatives, so 0 → 3 negative posts of a quiet brand stays
 * noise. Its spread grows with the brand's size rather than with the hour's expectation (`dispersionAt`), and each
 * window's overdispersion κ is calibrated online on its own tail so that 1-in-100 events under the model happen in
 * 1 % of the buckets (`CALIBRATION_TAIL`). Beyond that 1 % point real series have far heavier tails than any
 * negative binomial (retweet waves, bots, one article): on the shared tweet files, tails below 1e-5 came a hundred
 * times more often than the model said. So the tail beyond it is calibrated on the brand's own excesses, as in
 * extreme value theory's peaks over a threshold: with u = −ln(tail), the excess of u over −ln(1 %) is taken as
 * exponential with the decayed mean of the brand's past excesses (`excessMean`, never below 1, the value the model
 * itself would give), and the calibrated tail is 1 % · exp(−excess / mean). A brand with frequent bursts thus needs
 * a larger one to alert, and chance alarms happen at about the same rate on a quiet or a busy brand. (2) The share
 * of negatives among all mentions over 2 h against the baseline share, with a binomial tail whose sample size is
 * damped (beta-binomial design effect, `SHARE_CONCENTRATION`) so that thousands of posts do not make 1 % significant:
 * it catches a rising share at flat volume.
 *
 * Thresholds. A sensitivity sets one chance-alarm budget `ALPHA`, per 5 minutes of window; the budget is shared by
 * the tests (Bonferroni) in proportion to their window length: a window of length L alerts when its calibrated tail
 * is at or below ALPHA · (L / 5 min) / (number of tests). Overlapping windows of length L are only about one
 * independent test per L, so each window length gets the same chance-alarm rate per hour, and more windows do not
 * mean more false alarms. The share test, whose tail is not calibrated, keeps the strictest share (ALPHA / tests).
 * "Not a crisis" feedback tightens the threshold for surges of a similar ratio (`ThresholdAdjustment`, built by
 * `incident/feedback.ts`). A test only alerts when the bucket itself brings negatives above its own expectation
 * (its share above the baseline share, for the share test): a window made significant by its earlier buckets alone
 * is old news, never an alert on an empty bucket.
 *
 * Robustness. Estimates learn from a clipped observation (at most expected + 3 σ), so a spike does not lift its
 * own baseline — the share too, clipped at its baseline + 3 σ; if volume stays away from the baseline for
 * `ADAPT_AFTER_MS` (a level shift, not a spike), the level and the share are re-anchored on the last hour. "Near
 * baseline" (tail ≥ 1 % in every test, and no alert) is much looser than the alert threshold: the incident
 * lifecycle resolves on it, which gives hysteresis. The first `WARMUP_MS` of a plan never alert while the baseline
 * is learnt.
 *
 * Cost. O(1) time and memory per bucket: fixed arrays (24 + 7 profile slots, running sums per window over a ring
 * of the last 6 h), and the exact tail only where it can matter. `stepDetector` MUTATES the state it is given and
 * returns the decision; the state is plain JSON (numbers, arrays, null) so the store can persist it, and a state
 * restored from JSON gives identical decisions.
 */

/**
 * The one knob sensitivity moves: the chance-alarm budget per 5 minutes of window (see "Thresholds" above).
 * Normal is the budget chosen by leave-one-file-out on NAB's tweet files (`npm run bench:detect`: chosen on four
 * files in every fold); high and low are ten times looser and stricter. `bench:detect` prints what each gives in
 * chance alarms per plan-month and in bursts caught.
 */
export const ALPHA: Record<Sensitivity, number> = { low: 1e-4, normal: 1e-3, high: 3e-3 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Windows of the volume test, by length; each becomes a whole number of buckets (duplicates dropped). */
const WINDOWS_MS = [5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR] as const;
/** The window length `ALPHA` is a budget for. */
const ALPHA_WINDOW_MS = 5 * MINUTE;
/** The share test looks at this window (the longest one at most). */
const SHARE_WINDOW_MS = 2 * HOUR;
/** The expectation of a window never goes below this many negatives, nor below this many per `FLOOR_SPAN_MS` of
 * window: 0 → 3 negative posts in a quarter-hour, or 6 in two hours, of a quiet brand stays noise. */
const FLOOR = 1;
const FLOOR_SPAN_MS = 30 * MINUTE;
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
/** Overdispersion is calibrated so that tails below this happen at this rate (see `step`); the tail beyond it is
 * calibrated on the brand's own excesses. */
const CALIBRATION_TAIL = 0.01;
const CALIBRATION_STEP = 0.05;
const MAX_KAPPA = 20;
const MIN_KAPPA = 0.02;
const INITIAL_KAPPA = 0.5;
/** Excesses beyond the calibration point are remembered with this half-life (about 125 of them at 1 %)… */
const EXCESS_HALF_LIFE_MS = 30 * DAY;
/** …after a prior of this many excesses of mean 1, what the model itself expects: a new plan starts trusting it. */
const EXCESS_PRIOR = 5;
const SHARE_HALF_LIFE_MS = 3 * DAY;
/** Prior weight of a profile slot: this many expected negatives, or this much of the slot's own volume if more. */
const PROFILE_PRIOR = 10;
const PROFILE_PRIOR_MS = DAY;
/** Observations learn at most expected + CLIP_SIGMAS · σ. */
const CLIP_SIGMAS = 3;
/** A window is "near baseline" when its tail probability is at least this (hysteresis: alerts need far less). */
const NEAR_BASELINE_TAIL = 0.01;
const SHARE_CONCENTRATION = 100;
/**
 * Up to mean + 1.5 σ a negative-binomial tail stays above 3.5 % for every mean ≥ FLOOR and κ ≤ MAX_KAPPA, and up to
 * mean + 1 σ above 4.7 %: below those points the exact tail cannot reach a threshold under 3.5 % (or 4.5 %), nor
 * the 1 % of the calibration and of "near baseline", and is not computed.
 */
function exactFrom(threshold: number): number {
  return threshold <= 0.035 ? 1.5 : threshold <= 0.045 ? 1 : 0;
}
const WARMUP_MS = DAY;
const ADAPT_AFTER_MS = 12 * HOUR;
/** Longer gaps between buckets restart the windows instead of replaying empty buckets. */
const MAX_REPLAYED_GAP_MS = WEEK;
/** −ln(CALIBRATION_TAIL): where the calibrated tail takes over. */
const EXCESS_FROM = -Math.log(CALIBRATION_TAIL);

const pair = z.tuple([z.number(), z.number()]);

export const DetectorStateSchema = z.object({
  version: z.literal(2),
  bucketMs: z.number().positive(),
  lastStart: z.number().nullable(),
  /** Buckets seen since the state was created (for the warm-up). */
  seen: z.number().int().nonnegative(),
  /** Decayed sums of clipped negatives and of seasonal factors: level = [0] / [1]. */
  levelSums: pair,
  /** The same, unclipped and fast: where the level goes after a sustained shift. */
  fastSums: pair,
  /** Hour-of-day (UTC) and day-of-week profiles, and their decayed sums of observed and expected negatives. */
  hour: z.array(z.number()).length(24),
  hourSums: z.array(pair).length(24),
  day: z.array(z.number()).length(7),
  daySums: z.array(pair).length(7),
  /** Per volume window: overdispersion (Var = μ + κ μ F, see `dispersionAt`), and decayed sum and count of the
   * excesses of −ln(tail) beyond the calibration point. */
  kappa: z.array(z.number()),
  excess: z.array(pair),
  /** Ring of the last buckets (negative count, its expectation, total count) and each window's running sums. */
  ring: z.object({ negative: z.array(z.number()), expected: z.array(z.number()), total: z.array(z.number()), pos: z.number().int() }),
  sums: z.array(z.tuple([z.number(), z.number(), z.number()])),
  /** Baseline share of negatives: decayed sums of clipped negatives and of all mentions; and the fast, unclipped
   * ones the share re-anchors on after a sustained shift. */
  share: pair,
  fastShare: pair,
  /** Start of the current run of buckets away from the baseline. */
  awaySince: z.number().nullable(),
});
export type DetectorState = z.infer<typeof DetectorStateSchema>;

/** The state of the previous detector (one level, profiles and share; windows of 15 min to 2 h), still readable. */
const StateV1Schema = z.object({
  version: z.literal(1),
  bucketMs: z.number().positive(),
  lastStart: z.number().nullable(),
  seen: z.number().int().nonnegative(),
  levelSums: pair,
  fastSums: pair,
  hour: z.array(z.number()).length(24),
  hourSums: z.array(pair).length(24),
  day: z.array(z.number()).length(7),
  daySums: z.array(pair).length(7),
  shareNegative: z.number().nonnegative(),
  shareTotal: z.number().nonnegative(),
});

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
  /** A chance-alarm budget instead of the sensitivity's (`ALPHA`): for benchmarks that choose it. */
  alpha?: number;
  /** Missing buckets are empty (the bot's own buckets: no mentions), or unobserved (a series with missing readings). */
  gaps?: 'empty' | 'unobserved';
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
  /** Each window's share of the chance-alarm budget: (length / ALPHA_WINDOW_MS) / number of tests. */
  weights: number[];
  /** Each window's least expectation (`FLOOR`, `FLOOR_SPAN_MS`). */
  floors: number[];
  /** The window the share test uses, and its share of the budget. */
  shareWindow: number;
  shareWeight: number;
  keepLevel: number;
  keepFast: number;
  keepHour: number;
  keepDay: number;
  keepShare: number;
  keepExcess: number;
  calibrateUp: number;
  calibrateDown: number;
  /** Profile priors, in buckets of the slot's own volume. */
  hourPriorBuckets: number;
  dayPriorBuckets: number;
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
    const shareSize = Math.max(1, Math.round(SHARE_WINDOW_MS / bucketMs));
    let shareWindow = sizes.findIndex((size) => size >= shareSize);
    if (shareWindow < 0) shareWindow = sizes.length - 1;
    const tests = sizes.length + 1;
    model = {
      bucketMs,
      sizes,
      weights: sizes.map((size) => (size * bucketMs) / ALPHA_WINDOW_MS / tests),
      floors: sizes.map((size) => Math.max(FLOOR, (FLOOR * size * bucketMs) / FLOOR_SPAN_MS)),
      shareWindow,
      shareWeight: 1 / tests,
      keepLevel: keep(bucketMs, LEVEL_HALF_LIFE_MS),
      keepFast: keep(bucketMs, FAST_LEVEL_HALF_LIFE_MS),
      // Each hour slot learns during its own hour only: its half-life counts that hour's buckets.
      keepHour: keep(1, HOUR_PROFILE_HALF_LIFE_DAYS * Math.max(1, HOUR / bucketMs)),
      keepDay: keep(1, (DAY_PROFILE_HALF_LIFE_WEEKS * DAY) / bucketMs),
      keepShare: keep(bucketMs, SHARE_HALF_LIFE_MS),
      keepExcess: keep(bucketMs, EXCESS_HALF_LIFE_MS),
      calibrateUp: Math.exp(CALIBRATION_STEP * (1 - CALIBRATION_TAIL)),
      calibrateDown: Math.exp(-CALIBRATION_STEP * CALIBRATION_TAIL),
      hourPriorBuckets: (PROFILE_PRIOR_MS / DAY) * Math.max(1, HOUR / bucketMs),
      dayPriorBuckets: PROFILE_PRIOR_MS / bucketMs,
    };
    models.set(bucketMs, model);
  }
  return model;
}

function freshRing(length: number): DetectorState['ring'] {
  return {
    negative: new Array<number>(length).fill(0),
    expected: new Array<number>(length).fill(0),
    total: new Array<number>(length).fill(0),
    pos: 0,
  };
}

export function createDetectorState(bucketMs: number): DetectorState {
  const sizes = modelFor(bucketMs).sizes;
  return {
    version: 2,
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
    excess: sizes.map((): [number, number] => [0, 0]),
    ring: freshRing(sizes[sizes.length - 1]!),
    sums: sizes.map((): [number, number, number] => [0, 0, 0]),
    share: [0, 0],
    fastShare: [0, 0],
    awaySince: null,
  };
}

/**
 * A state read back from the store. A state of the previous detector (version 1) keeps its level, profiles and
 * share, and starts its windows and tail calibration afresh (they did not exist or had other lengths); anything
 * missing, invalid, of another version or for another bucket length gives a fresh state (the profiles are
 * relearnt: the first day then does not alert).
 */
export function restoreDetectorState(raw: unknown, bucketMs: number): DetectorState {
  const parsed = DetectorStateSchema.safeParse(raw);
  if (parsed.success) {
    const state = parsed.data;
    const sizes = modelFor(bucketMs).sizes;
    const valid =
      state.bucketMs === bucketMs &&
      state.kappa.length === sizes.length &&
      state.excess.length === sizes.length &&
      state.sums.length === sizes.length &&
      state.ring.negative.length === sizes[sizes.length - 1] &&
      state.ring.expected.length === state.ring.negative.length &&
      state.ring.total.length === state.ring.negative.length &&
      state.ring.pos >= 0 &&
      state.ring.pos < state.ring.negative.length;
    return valid ? state : createDetectorState(bucketMs);
  }
  const old = StateV1Schema.safeParse(raw);
  if (!old.success || old.data.bucketMs !== bucketMs) return createDetectorState(bucketMs);
  const { lastStart, seen, levelSums, fastSums, hour, hourSums, day, daySums, shareNegative, shareTotal } = old.data;
  return {
    ...createDetectorState(bucketMs),
    lastStart,
    seen,
    levelSums,
    fastSums,
    hour,
    hourSums,
    day,
    daySums,
    share: [shareNegative, shareTotal],
    fastShare: [shareNegative, shareTotal],
  };
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

function levelOf(state: DetectorState): number {
  return state.levelSums[1] > 0 ? state.levelSums[0] / state.levelSums[1] : 0;
}

function baseShareOf(state: DetectorState): number {
  return state.share[1] > 0 ? state.share[0] / state.share[1] : 0;
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
 * where the shortcut to the exact tail (`exactFrom`) still holds.
 */
function dispersionAt(kappa: number, mean: number, flat: number): number {
  const scaled = (kappa * Math.max(flat, FLOOR)) / mean;
  return Math.min(scaled, MAX_KAPPA);
}

/** Mean excess of −ln(tail) beyond the calibration point, from the decayed excesses and the prior. */
function excessMean(excess: readonly [number, number]): number {
  return Math.max(1, (excess[0] + EXCESS_PRIOR) / (excess[1] + EXCESS_PRIOR));
}

/** The tail calibrated on the brand's own excesses (the model's tail down to `CALIBRATION_TAIL`). */
function calibrated(tail: number, excess: readonly [number, number]): number {
  if (tail >= CALIBRATION_TAIL) return tail;
  const u = tail > 0 ? -Math.log(tail) : 745;
  return CALIBRATION_TAIL * Math.exp(-(u - EXCESS_FROM) / excessMean(excess));
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
  if (threshold >= 1) return 0.5;
  return Math.min(1, (0.5 * Math.log(tail)) / Math.log(threshold));
}

/** Learn from one bucket (already tested): clipped, so that a spike does not become its own baseline. */
function learn(state: DetectorState, model: Model, day: number, hour: number, negative: number, total: number, expected: number): void {
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
    const hourPrior = Math.max(PROFILE_PRIOR, level * dayFactor * model.hourPriorBuckets);
    state.hour[hour] = (hourSums[0] + hourPrior) / (hourSums[1] + hourPrior);
    // The day profile only starts once a first week is known: before that every day looks alike and the
    // hour profile would be learnt twice.
    if (state.seen * model.bucketMs >= WEEK) {
      const daySums = state.daySums[day]!;
      daySums[0] = daySums[0] * model.keepDay + clipped;
      daySums[1] = daySums[1] * model.keepDay + level * state.hour[hour]!;
      const dayPrior = Math.max(PROFILE_PRIOR, level * model.dayPriorBuckets);
      state.day[day] = (daySums[0] + dayPrior) / (daySums[1] + dayPrior);
    }
  }

  // The share learns from every bucket, its negatives clipped like the level's: gated on calm buckets instead, a
  // share first learnt too low would make every later bucket look away from it, and it would never learn again.
  // Its spread uses a share smoothed by one negative and one other post, so that a share first learnt at 0 can move;
  // a series whose mentions are all negative keeps a share of exactly 1 (its share test stays off).
  if (total > 0) {
    const smoothed = (state.share[0] + 1) / (state.share[1] + 2);
    const design = 1 + (total - 1) / (SHARE_CONCENTRATION + 1);
    const shareCap = state.share[1] > 0 ? total * baseShareOf(state) + CLIP_SIGMAS * Math.sqrt(total * design * smoothed * (1 - smoothed)) : total;
    state.share[0] = state.share[0] * model.keepShare + Math.min(negative, shareCap);
    state.share[1] = state.share[1] * model.keepShare + total;
  } else {
    state.share[0] *= model.keepShare;
    state.share[1] *= model.keepShare;
  }
  state.fastShare[0] = state.fastShare[0] * model.keepFast + negative;
  state.fastShare[1] = state.fastShare[1] * model.keepFast + total;
}

/** Push one bucket into the ring and keep each window's running sums (observed, expected, total). */
function push(state: DetectorState, model: Model, negative: number, expected: number, total: number): void {
  const ring = state.ring;
  const length = ring.negative.length;
  const pos = (ring.pos + 1) % length;
  // The ring is as long as the longest window: the bucket it overwrites is the one leaving that window.
  const goneNegative = ring.negative[pos]!;
  const goneExpected = ring.expected[pos]!;
  const goneTotal = ring.total[pos]!;
  ring.pos = pos;
  ring.negative[pos] = negative;
  ring.expected[pos] = expected;
  ring.total[pos] = total;
  for (let w = 0; w < model.sizes.length; w++) {
    const sums = state.sums[w]!;
    const size = model.sizes[w]!;
    if (pos === 0) {
      // Once per turn of the ring the sums are recomputed exactly, so rounding never accumulates.
      sums[0] = 0;
      sums[1] = 0;
      sums[2] = 0;
      for (let k = 0; k < size; k++) {
        const i = k === 0 ? 0 : length - k;
        sums[0] += ring.negative[i]!;
        sums[1] += ring.expected[i]!;
        sums[2] += ring.total[i]!;
      }
      continue;
    }
    const out = pos >= size ? pos - size : pos - size + length;
    const whole = size === length;
    sums[0] = Math.max(0, sums[0] + negative - (whole ? goneNegative : ring.negative[out]!));
    sums[1] = Math.max(0, sums[1] + expected - (whole ? goneExpected : ring.expected[out]!));
    sums[2] = Math.max(0, sums[2] + total - (whole ? goneTotal : ring.total[out]!));
  }
}

function step(state: DetectorState, bucket: Bucket, options: DetectorOptions): Decision {
  const model = modelFor(state.bucketMs);
  const { bucketMs, sizes } = model;
  const day = dayOf(bucket.start);
  const hour = hourOf(bucket.start);
  const levelNow = levelOf(state);
  const expectedNow = levelNow * state.hour[hour]! * state.day[day]!;

  push(state, model, bucket.negative, expectedNow, bucket.total);

  const alpha = options.alpha ?? ALPHA[options.sensitivity];
  const warm = state.seen * bucketMs >= WARMUP_MS;
  // An alert reports negatives arriving now: a window only alerts when its newest bucket is itself above its
  // expectation. Otherwise a window made significant by earlier buckets alone — its expectation fell at an hour
  // boundary, or neutral posts made its share more certain — would alert on a bucket without a single negative.
  const arriving = bucket.negative > expectedNow;
  let near = true;
  // The most significant test so far, kept in locals: the explanation object is built once, at the end. When no
  // test may alert (warm-up, nothing arriving), the explanation still describes the most significant one.
  let bestScore = -1;
  let bestStrength = -1;
  let bestWindow = 0;
  let bestMetric: Explanation['metric'] = 'negative';
  let bestObserved = 0;
  let bestExpected = 0;
  let bestSpread = 0;
  let bestRatio = 0;
  let bestTail = 1;
  let bestThreshold = alpha * model.weights[0]!;
  let bestKappa = 0;

  for (let w = 0; w < sizes.length; w++) {
    const sums = state.sums[w]!;
    const observed = sums[0];
    const mean = Math.max(sums[1], model.floors[w]!);
    const kappa = dispersionAt(state.kappa[w]!, mean, levelNow * sizes[w]!);
    const variance = mean + kappa * mean * mean;
    const ratio = observed / mean;
    const threshold = thresholdFor(alpha * model.weights[w]!, ratio, options.adjustment);
    // The exact tail only where it can matter (and for the explanation): see `exactFrom`.
    const exact = observed > mean + exactFrom(threshold) * Math.sqrt(variance);
    const modelTail = exact ? negBinomialTail(observed, mean, kappa) : 1;
    const excess = state.excess[w]!;
    const tail = calibrated(modelTail, excess);
    const strength = scoreOf(tail, threshold);
    const score = warm && arriving ? strength : 0;
    if (tail < NEAR_BASELINE_TAIL || score >= 0.5) near = false;
    if (score > bestScore || (score === bestScore && strength > bestStrength)) {
      bestScore = score;
      bestStrength = strength;
      bestWindow = w;
      bestObserved = observed;
      bestExpected = mean;
      bestSpread = variance;
      bestRatio = ratio;
      bestTail = exact ? tail : Number.NaN;
      bestThreshold = threshold;
      bestKappa = kappa;
    }
    if (state.seen > 0) {
      // Calibrate this window's overdispersion on its own tail: at equilibrium a 1-in-100 event under the model
      // happens in 1 % of the buckets. One burst moves it by one step per bucket it stays in the window, whatever
      // its size, which moments (squared residuals) would not do with heavy-tailed counts.
      const exceeded = modelTail < CALIBRATION_TAIL;
      const nextKappa = state.kappa[w]! * (exceeded ? model.calibrateUp : model.calibrateDown);
      state.kappa[w] = nextKappa < MIN_KAPPA ? MIN_KAPPA : Math.min(nextKappa, MAX_KAPPA);
      // And remember how far beyond that point the brand's excesses go.
      excess[0] *= model.keepExcess;
      excess[1] *= model.keepExcess;
      if (exceeded) {
        excess[0] += (modelTail > 0 ? -Math.log(modelTail) : 745) - EXCESS_FROM;
        excess[1] += 1;
      }
    }
  }

  // Share of negatives over the share window, against the baseline share. It exists for a rising share at flat
  // volume: when a volume test alerts too, the alert is explained in negative posts (which "Not a crisis" can then
  // weigh by ratio), and the share test only lends the decision its score.
  const volumeAlerts = bestScore >= 0.5;
  let shareScore = 0;
  const shareSums = state.sums[model.shareWindow]!;
  const observed = shareSums[0];
  const total = shareSums[2];
  const share = total > 0 ? observed / total : 0;
  const baseShare = baseShareOf(state);
  if (total > 0 && baseShare > 0 && baseShare < 1 && share > baseShare) {
    const designEffect = 1 + (total - 1) / (SHARE_CONCENTRATION + 1);
    const n = total / designEffect;
    const k = observed / designEffect;
    const tail = binomialTail(k, n, baseShare);
    const ratio = share / baseShare;
    const threshold = thresholdFor(alpha * model.shareWeight, ratio, options.adjustment);
    const strength = scoreOf(tail, threshold);
    const score = warm && bucket.negative > bucket.total * baseShare ? strength : 0;
    if (tail < NEAR_BASELINE_TAIL || score >= 0.5) near = false;
    shareScore = score;
    if (!volumeAlerts && (score > bestScore || (score === bestScore && strength > bestStrength))) {
      bestScore = score;
      bestStrength = strength;
      bestWindow = model.shareWindow;
      bestMetric = 'share';
      bestObserved = share;
      bestExpected = baseShare;
      bestSpread = (baseShare * (1 - baseShare)) / n;
      bestRatio = ratio;
      bestTail = tail;
      bestThreshold = threshold;
    }
  }

  // The explanation's tail is always exact and calibrated, with the κ the test used.
  if (Number.isNaN(bestTail)) bestTail = calibrated(negBinomialTail(bestObserved, bestExpected, bestKappa), state.excess[bestWindow]!);
  const away = !near;
  learn(state, model, day, hour, bucket.negative, bucket.total, expectedNow);

  if (away) {
    state.awaySince ??= bucket.start;
    if (bucket.start - state.awaySince >= ADAPT_AFTER_MS) {
      // A level shift: stop treating the new normal as an anomaly.
      const fast = state.fastSums[1] > 0 ? state.fastSums[0] / state.fastSums[1] : 0;
      state.levelSums[0] = fast * state.levelSums[1];
      if (state.fastShare[1] > 0) state.share[0] = (state.fastShare[0] / state.fastShare[1]) * state.share[1];
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
    score: Math.max(bestScore, shareScore),
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

/** Move the windows past `buckets` buckets that were not observed: they count for nothing, and nothing is learnt. */
function skip(state: DetectorState, buckets: number): void {
  const model = modelFor(state.bucketMs);
  const length = state.ring.negative.length;
  if (buckets >= length) {
    state.ring = freshRing(length);
    state.sums = model.sizes.map((): [number, number, number] => [0, 0, 0]);
    return;
  }
  for (let b = 0; b < buckets; b++) push(state, model, 0, 0, 0);
}

/**
 * Test one closed bucket against the plan's baseline, then learn from it. Buckets must come in order, one per
 * `bucketMs`; a missing bucket counts as an empty one (replayed, up to a week; a longer gap restarts the windows),
 * or — with `gaps: 'unobserved'`, for series where a missing row is a missing reading rather than zero — as
 * nothing at all. Mutates `state`. Throws a `DetectorError` for a bucket at or before the previous one.
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
    if (gap > 0 && (options.gaps === 'unobserved' || gap > MAX_REPLAYED_GAP_MS)) {
      skip(state, Math.round(gap / bucketMs));
      state.awaySince = null;
    } else {
      for (let start = state.lastStart + bucketMs; start < bucket.start; start += bucketMs) {
        step(state, { start, negative: 0, total: 0, engagement: 0 }, options);
      }
    }
  }
  return step(state, bucket, options);
}
