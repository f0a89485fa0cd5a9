import type { Sensitivity } from '../../src/core/plan.js';
import type { Bucket, Decision } from '../../src/core/detect/types.js';
import { SeriesScorer } from '../../src/core/detect/series.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../../src/core/incident/lifecycle.js';
import type { Window } from '../nab/score.js';
import type { Brand } from './brands.js';
import { EVENTS, inject, type InjectedEvent } from './events.js';
import { uniform } from './random.js';

/**
 * Runs a detector over a semi-synthetic brand: once untouched (chance alarms: incidents the bot would open outside
 * the file's labelled windows), then once per calm site and event, from a copy of the state the untouched run had
 * there. An event counts as detected at the first bucket that alerts with the event and did not alert without it;
 * the delay runs from the event's start to the end of that bucket (the bot alerts once a bucket has closed).
 */

export const BUCKET_MS = 5 * 60_000;
const DAY = 288;
/** Sites and chance alarms start after a week: the detector has learnt its daily and weekly profiles. */
const SETTLE = 7 * DAY;
/** Sites every 31 hours, so their hours of the day rotate. */
const SITE_STEP = 31 * 12;
/** A site keeps a day clear of labelled windows before it and two after its start (the longest event is a day). */
const CLEAR_BEFORE = DAY;
const CLEAR_AFTER = 2 * DAY;
/** Alarms within a day after a labelled window belong to it, not to chance. */
const WINDOW_TAIL = DAY;

export interface DetectorUnderTest<S> {
  create(bucketMs: number): S;
  step(state: S, bucket: Bucket, sensitivity: Sensitivity): Decision;
  clone(state: S): S;
}

export interface BrandResult {
  /** Incidents opened by chance, and the months of untouched series they were counted over. */
  chance: { opened: number; months: number };
  /** Per event (same order as `EVENTS`): the delay in minutes of each site's detection, or null when missed. */
  delays: Array<Array<number | null>>;
}

export function calmSites(length: number, windows: readonly Window[]): number[] {
  const sites: number[] = [];
  for (let site = SETTLE; site + CLEAR_AFTER <= length; site += SITE_STEP) {
    if (windows.every(([start, end]) => end < site - CLEAR_BEFORE || start > site + CLEAR_AFTER)) sites.push(site);
  }
  return sites;
}

export function measureBrand<S>(
  brand: Brand,
  times: readonly number[],
  windows: readonly Window[],
  detector: DetectorUnderTest<S>,
  sensitivity: Sensitivity,
  seed: number,
  events: readonly InjectedEvent[] = EVENTS,
): BrandResult {
  const sites = calmSites(brand.total.length, windows);
  const snapshots = new Map<number, S>();
  const alerts = new Uint8Array(brand.total.length);
  const state = detector.create(BUCKET_MS);
  let last: number | null = null;
  const scorer = new SeriesScorer({
    bucketMs: BUCKET_MS,
    sensitivity,
    resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs,
    detector: {
      lastStart: () => last,
      step: (bucket) => {
        last = bucket.start;
        return detector.step(state, bucket, sensitivity);
      },
    },
  });
  const siteSet = new Set(sites);
  const counted = (i: number): boolean => i >= SETTLE && windows.every(([start, end]) => i < start || i > end + WINDOW_TAIL);
  let opened = 0;
  let countedBuckets = 0;
  for (let i = 0; i < brand.total.length; i++) {
    if (siteSet.has(i)) snapshots.set(i, detector.clone(state));
    const result = scorer.push({ at: times[i]!, negative: brand.negative[i]!, total: brand.total[i]! });
    if (result.decision?.alert) alerts[i] = 1;
    if (counted(i)) {
      countedBuckets += 1;
      if (result.event?.type === 'opened') opened += 1;
    }
  }

  const delays = events.map((event, e) =>
    sites.map((site, s) => {
      const rand = uniform(seed * 7919 + e * 104_729 + s);
      const injected = inject(brand, site, event, rand);
      const copy = detector.clone(snapshots.get(site)!);
      for (let tau = 0; tau < injected.negative.length; tau++) {
        const i = site + tau;
        const start = Math.floor(times[i]! / BUCKET_MS) * BUCKET_MS;
        const decision = detector.step(copy, { start, negative: injected.negative[tau]!, total: injected.total[tau]!, engagement: 0 }, sensitivity);
        if (decision.alert && alerts[i] === 0) return ((tau + 1) * BUCKET_MS) / 60_000;
      }
      return null;
    }),
  );
  return { chance: { opened, months: (countedBuckets * BUCKET_MS) / (30 * 86_400_000) }, delays };
}
