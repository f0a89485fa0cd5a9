import type { Sensitivity } from '../plan.js';
import type { Incident } from '../incident/incident.js';
import type { Bucket, Decision } from './types.js';
import { createDetectorState, stepDetector, type DetectorState } from './detector.js';
import { DEFAULT_INCIDENT_SETTINGS, stepIncident, type IncidentEvent, type IncidentSettings } from '../incident/lifecycle.js';

/**
 * A bare count series run through the same detector and incident lifecycle as the bot, live, one bucket after
 * the other: the score of a point is ≥ 0.5 exactly when the bot would post an alert for it (an incident opens
 * or an update is emitted). Otherwise it is the detector's own score capped below 0.5, so it still ranks rows.
 * Used by `vigie detect` (NAB format) and its benchmark.
 */

export interface SeriesPoint {
  /** Epoch ms; points must come in increasing order (others score 0 and are reported). */
  at: number;
  negative: number;
  /** All mentions; without it the negative count is used and the share test stays inactive. */
  total?: number;
}

export interface SeriesOptions {
  bucketMs: number;
  sensitivity: Sensitivity;
  resolveAfterMs: number;
  /** A missing bucket between two points: no mentions (the bot's own buckets), or no reading at all. */
  gaps?: 'empty' | 'unobserved';
  /** A chance-alarm budget instead of the sensitivity's, for benchmarks that choose it. */
  alpha?: number;
  /** The detector the points go through: the bot's own unless a benchmark compares another. */
  detector?: SeriesDetector;
}

/** One plan's detector, stepped bucket by bucket. */
export interface SeriesDetector {
  /** Start of the last bucket stepped, null before the first. */
  lastStart(): number | null;
  step(bucket: Bucket): Decision;
}

/** The bot's detector for one series. */
export function botDetector(options: Pick<SeriesOptions, 'bucketMs' | 'sensitivity' | 'gaps' | 'alpha'>): SeriesDetector {
  const state: DetectorState = createDetectorState(options.bucketMs);
  const stepOptions = {
    bucketMs: options.bucketMs,
    sensitivity: options.sensitivity,
    ...(options.gaps ? { gaps: options.gaps } : {}),
    ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
  };
  return { lastStart: () => state.lastStart, step: (bucket) => stepDetector(state, bucket, stepOptions) };
}

export interface SeriesScore {
  score: number;
  decision?: Decision;
  event?: IncidentEvent;
  /** Why the point was not scored (out of order, duplicate bucket). */
  skipped?: 'order';
}

/** Streaming form: feed points one by one (used by the CLI and the benchmark). */
export class SeriesScorer {
  private readonly detector: SeriesDetector;
  private open: Incident | undefined;
  private incidents = 0;
  private readonly settings: IncidentSettings;
  private readonly newId = (): string => `series-${++this.incidents}`;

  constructor(private readonly options: SeriesOptions) {
    this.detector = options.detector ?? botDetector(options);
    this.settings = { ...DEFAULT_INCIDENT_SETTINGS, bucketMs: options.bucketMs, resolveAfterMs: options.resolveAfterMs };
  }

  push(point: SeriesPoint): SeriesScore {
    const { bucketMs } = this.options;
    const start = Math.floor(point.at / bucketMs) * bucketMs;
    const last = this.detector.lastStart();
    if (last !== null && start <= last) return { score: 0, skipped: 'order' };
    const bucket = { start, negative: point.negative, total: point.total ?? point.negative, engagement: 0 };
    const decision = this.detector.step(bucket);
    const step = stepIncident({
      plan: { id: 'series' },
      open: this.open,
      decision,
      bucket,
      samples: [],
      now: start + bucketMs,
      live: true,
      settings: this.settings,
      newId: this.newId,
    });
    if (step.incident) this.open = step.incident.status === 'open' ? step.incident : undefined;
    const alerting = step.events.find((e) => e.type === 'opened' || e.type === 'updated');
    const score = alerting ? Math.max(0.5, decision.score) : Math.min(decision.score, 0.49);
    return { score, decision, ...(step.events[0] ? { event: step.events[0] } : {}) };
  }
}

export function scoreSeries(points: readonly SeriesPoint[], options: SeriesOptions): SeriesScore[] {
  const scorer = new SeriesScorer(options);
  return points.map((p) => scorer.push(p));
}
