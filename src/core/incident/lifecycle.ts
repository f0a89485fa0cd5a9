import type { Bucket, Decision } from '../detect/types.js';
import type { Incident, Sample, Severity, Stage } from './incident.js';
import { engagementOf } from '../mention.js';
import { assessStage, DEFAULT_DOMINO, mergeSpread, velocityOf, type DominoSettings } from '../detect/domino.js';
import { assessSeverity, LEVEL_RANK, levelOf } from '../detect/severity.js';

/**
 * The life of an incident, one closed bucket at a time: a pure function of the open incident, the detector's
 * decision and the bucket's negative mentions.
 *
 * - Open: an alerting bucket opens an incident when the plan has none open (at most one per plan).
 * - Update: later buckets add to it; an `updated` event (an alert in the thread) only on material change since
 *   the last notification — stage up, severity level up or score up by `SEVERITY_STEP`, or negatives above
 *   the storm's intensity (negatives per bucket over the alerting window) doubled — at most one per bucket, and changes other than a stage up or
 *   a critical severity are coalesced: at most one such update per `minUpdateGapMs`. Muted or "not a crisis" incidents
 *   keep counting but emit no update.
 * - Resolve: once every bucket has been near its baseline for `resolveAfterMs` (the detector's `nearBaseline`
 *   is looser than its alert threshold: hysteresis), so one storm with lulls stays one thread; a later storm
 *   opens a new incident.
 * - History: a bucket that closed more than `staleAfterMs` before `now` (a first poll that brings days of
 *   history), or any bucket when `live` is false, yields `historical` events: recorded, never alerted as new.
 */

export interface IncidentSettings {
  bucketMs: number;
  /** Near baseline this long resolves the incident. */
  resolveAfterMs: number;
  /** Buckets that closed longer ago than this are history, not news. */
  staleAfterMs: number;
  /** Volume and severity updates wait this long after the previous notification (coalesced); a stage up or
   * a critical severity does not wait. */
  minUpdateGapMs: number;
  /** Negative posts kept as evidence (the most engaging, fastest first). */
  maxSamples: number;
  domino: DominoSettings;
}

export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = {
  bucketMs: 5 * 60_000,
  resolveAfterMs: 12 * 3_600_000,
  staleAfterMs: 3_600_000,
  minUpdateGapMs: 3_600_000,
  maxSamples: 20,
  domino: DEFAULT_DOMINO,
};

/** Severity points that count as "materially worse" within the same level. */
export const SEVERITY_STEP = 15;

export type UpdateReason = 'stage' | 'severity' | 'volume';

export interface IncidentEvent {
  type: 'opened' | 'updated' | 'resolved';
  /** Found in history: record it, do not alert it as new. */
  historical: boolean;
  /** For `updated`: what changed since the last notification. */
  reasons?: UpdateReason[];
  /** For `updated`: what the last notification said. */
  previous?: { stage: Stage; severity: number; negative: number };
}

export interface IncidentStepInput {
  plan: { id: string };
  /** The plan's open incident, if any. */
  open: Incident | undefined;
  decision: Decision;
  bucket: Bucket;
  /** The bucket's negative mentions with their sentiment (all of them: they are counted per source). */
  samples: readonly Sample[];
  now: number;
  /** False while replaying history (backfill, backtest): every event is then historical. */
  live: boolean;
  settings: IncidentSettings;
  newId: () => string;
}

export interface IncidentStep {
  /** The incident to save (opened, updated or resolved); undefined when there is nothing to save. */
  incident?: Incident;
  events: IncidentEvent[];
}

/** Negatives expected in this bucket, from the decision's explanation. */
function expectedNegativeOf(decision: Decision, bucket: Bucket, bucketMs: number): number {
  const e = decision.explanation;
  if (e.metric === 'share') return bucket.total * e.expected;
  return (e.expected * bucketMs) / Math.max(e.windowMs, bucketMs);
}

/** Keep the top samples by velocity, then engagement; velocity is frozen when a sample is first kept. */
function topSamples(kept: readonly Sample[], incoming: readonly Sample[], now: number, max: number): Sample[] {
  const seen = new Set(kept.map((s) => s.id));
  const fresh = incoming.filter((s) => !seen.has(s.id)).map((s) => ({ ...s, velocity: velocityOf(s, now) }));
  return [...kept, ...fresh].sort((a, b) => (b.velocity ?? 0) - (a.velocity ?? 0) || engagementOf(b.metrics) - engagementOf(a.metrics)).slice(0, max);
}

/** Stage and severity of an incident from its counts, spread and evidence (corrected posts that are not negative left out). */
export function assessIncident(
  incident: Pick<Incident, 'samples' | 'sources' | 'counts' | 'peak' | 'openedAt'>,
  previousStage: Stage,
  now: number,
  end: number,
  settings: Pick<IncidentSettings, 'domino'>,
): { stage: Stage; severity: Severity } {
  const minutes = Math.max(1, (end - incident.openedAt) / 60_000);
  const negatives = incident.samples.filter((s) => s.sentiment === 'negative');
  const staged = assessStage(
    { samples: negatives, sources: incident.sources, engagementPerMinute: incident.counts.engagement / minutes, now },
    settings.domino,
  );
  const stage = Math.max(previousStage, staged.stage) as Stage;
  let maxFollowers = 0;
  for (const s of negatives) maxFollowers = Math.max(maxFollowers, s.metrics?.followers ?? 0);
  const severity = assessSeverity({
    negative: incident.counts.negative,
    expectedNegative: incident.counts.expectedNegative,
    peakRatio: incident.peak.negative / Math.max(incident.peak.expected, 1),
    engagement: incident.counts.engagement,
    maxFollowers,
    stage,
  });
  return { stage, severity };
}

/**
 * How hard the storm blows right now: negatives per bucket over the detector's alerting window. Kept in
 * `notified.negative`, so "volume doubled" compares like with like whichever window alerted.
 */
function intensityOf(decision: Decision, bucket: Bucket, bucketMs: number): number {
  const e = decision.explanation;
  if (e.metric === 'share') return bucket.negative;
  return (e.observed * bucketMs) / Math.max(e.windowMs, bucketMs);
}

export function stepIncident(input: IncidentStepInput): IncidentStep {
  const { open, decision, bucket, samples, now, settings } = input;
  const end = bucket.start + settings.bucketMs;
  const historical = !input.live || end + settings.staleAfterMs < now;
  const expected = expectedNegativeOf(decision, bucket, settings.bucketMs);

  if (!open) {
    if (!decision.alert) return { events: [] };
    const base = {
      openedAt: bucket.start,
      counts: { negative: bucket.negative, total: bucket.total, engagement: bucket.engagement, expectedNegative: expected },
      peak: { bucketStart: bucket.start, negative: bucket.negative, expected },
      sources: mergeSpread([], samples),
      samples: topSamples([], samples, now, settings.maxSamples),
    };
    const { stage, severity } = assessIncident(base, 1, now, end, settings);
    const incident: Incident = {
      id: input.newId(),
      planId: input.plan.id,
      status: 'open',
      lastBucketAt: bucket.start,
      stage,
      severity,
      explanation: decision.explanation,
      ...base,
      notified: { stage, severity: severity.score, negative: intensityOf(decision, bucket, settings.bucketMs), at: end },
    };
    return { incident, events: [{ type: 'opened', historical }] };
  }

  const counts = {
    negative: open.counts.negative + bucket.negative,
    total: open.counts.total + bucket.total,
    engagement: open.counts.engagement + bucket.engagement,
    expectedNegative: open.counts.expectedNegative + expected,
  };
  const peak =
    bucket.negative - expected > open.peak.negative - open.peak.expected
      ? { bucketStart: bucket.start, negative: bucket.negative, expected }
      : open.peak;
  const next: Incident = {
    ...open,
    counts,
    peak,
    sources: samples.length > 0 ? mergeSpread(open.sources, samples) : open.sources,
    samples: samples.length > 0 ? topSamples(open.samples, samples, now, settings.maxSamples) : open.samples,
    lastBucketAt: decision.nearBaseline ? open.lastBucketAt : bucket.start,
    explanation: decision.alert ? decision.explanation : open.explanation,
  };
  const { stage, severity } = assessIncident(next, open.stage, now, end, settings);
  next.stage = stage;
  next.severity = severity;

  if (decision.nearBaseline && bucket.start - open.lastBucketAt >= settings.resolveAfterMs) {
    next.status = 'resolved';
    next.resolvedAt = end;
    return { incident: next, events: [{ type: 'resolved', historical }] };
  }

  const notified = open.notified ?? { stage: open.stage, severity: open.severity.score, negative: open.peak.negative, at: open.openedAt };
  const silenced = (open.muted !== undefined && open.muted.until > now) || open.falsePositive !== undefined;
  const reasons: UpdateReason[] = [];
  if (stage > notified.stage) reasons.push('stage');
  const levelUp = LEVEL_RANK[severity.level] > LEVEL_RANK[levelOf(notified.severity)];
  // Counts accumulate on calm buckets too: only a bucket still away from its baseline makes it "worse".
  if (!decision.nearBaseline && (levelUp || severity.score >= notified.severity + SEVERITY_STEP)) reasons.push('severity');
  const intensity = intensityOf(decision, bucket, settings.bucketMs);
  if (decision.alert && intensity >= 2 * Math.max(notified.negative, 1)) reasons.push('volume');
  const urgent = reasons.includes('stage') || (levelUp && severity.level === 'critical');
  // Coalescing runs on bucket time, so a replay of history coalesces like live buckets did.
  const due = urgent || end - notified.at >= settings.minUpdateGapMs;
  if (silenced || reasons.length === 0 || !due) return { incident: next, events: [] };

  next.notified = { stage, severity: severity.score, negative: intensity, at: end };
  return {
    incident: next,
    events: [{ type: 'updated', historical, reasons, previous: { stage: notified.stage, severity: notified.severity, negative: notified.negative } }],
  };
}
