import { z } from 'zod';
import type { ThresholdAdjustment } from '../detect/detector.js';
import type { Incident } from './incident.js';

/**
 * What the alert buttons do to a plan and its incidents.
 *
 * "Not a crisis" on an alarm that saw `observed` negatives against `expected` (ratio r = observed / expected)
 * makes the detector demand `DECADES` more powers of ten of improbability (a threshold 100× smaller) for any
 * later observation whose ratio is at most `REACH` × r — similar or smaller surges — while a clearly bigger
 * storm still alerts as before. Each false alarm's effect halves every `HALF_LIFE` (two weeks) and the total
 * never exceeds `MAX_DECADES`. A false alarm without recorded volumes tightens every ratio.
 *
 * "Mute" silences the incident's updates until `at + muteMs` (it keeps counting); "Acknowledge" and
 * "Escalate" are recorded on the incident with who and when.
 */

/** One click on an alert button, as recorded with the plan. */
export const FeedbackSchema = z.object({
  planId: z.string(),
  incidentId: z.string(),
  kind: z.enum(['acknowledge', 'escalate', 'mute', 'not_crisis']),
  by: z.string(),
  at: z.number(),
  /** For `not_crisis`: the negative volume and expectation the false alarm had, to raise the threshold near it. */
  observed: z.number().optional(),
  expected: z.number().optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export interface FeedbackSettings {
  decadesPerFalseAlarm: number;
  halfLifeMs: number;
  reach: number;
  maxDecades: number;
  /** Most recent false alarms taken into account (keeps the detector's step O(1)). */
  maxEntries: number;
  muteMs: number;
}

export const DEFAULT_FEEDBACK: FeedbackSettings = {
  decadesPerFalseAlarm: 2,
  halfLifeMs: 14 * 86_400_000,
  reach: 2,
  maxDecades: 6,
  maxEntries: 20,
  muteMs: 2 * 3_600_000,
};

/** Below this a false alarm no longer matters. */
const NEGLIGIBLE_DECADES = 0.05;

export interface FalseAlarm {
  incidentId: string;
  by: string;
  at: number;
  observed?: number;
  expected?: number;
  ratio?: number;
  /** Observations up to this ratio to their expectation are affected (Infinity: all). */
  upToRatio: number;
  /** Current tightening, in powers of ten, after decay. */
  decades: number;
}

function falseAlarms(feedback: readonly Feedback[], now: number, settings: FeedbackSettings): FalseAlarm[] {
  return feedback
    .filter((f) => f.kind === 'not_crisis' && f.at <= now)
    .sort((a, b) => b.at - a.at)
    .slice(0, settings.maxEntries)
    .map((f): FalseAlarm => {
      const ratio = f.observed !== undefined && f.expected !== undefined && f.expected > 0 ? f.observed / f.expected : undefined;
      return {
        incidentId: f.incidentId,
        by: f.by,
        at: f.at,
        ...(f.observed !== undefined ? { observed: f.observed } : {}),
        ...(f.expected !== undefined ? { expected: f.expected } : {}),
        ...(ratio !== undefined ? { ratio } : {}),
        upToRatio: ratio === undefined ? Number.POSITIVE_INFINITY : settings.reach * ratio,
        decades: settings.decadesPerFalseAlarm * 0.5 ** ((now - f.at) / settings.halfLifeMs),
      };
    })
    .filter((f) => f.decades >= NEGLIGIBLE_DECADES);
}

/** The detector's threshold tightening at `now` (pass it as `adjustment` to `stepDetector`). */
export function thresholdAdjustment(feedback: readonly Feedback[], now: number, settings: FeedbackSettings = DEFAULT_FEEDBACK): ThresholdAdjustment {
  return {
    entries: falseAlarms(feedback, now, settings).map((f) => ({ upToRatio: f.upToRatio, decades: f.decades })),
    maxDecades: settings.maxDecades,
  };
}

export interface FeedbackSummary {
  falseAlarms: FalseAlarm[];
  /** Tightening applied to a small surge (affected by every active false alarm), capped. */
  maxDecades: number;
  /** The same as a factor on the threshold (1 = unchanged, 0.01 = a hundred times stricter). */
  thresholdFactor: number;
  acknowledged: number;
  escalated: number;
  muted: number;
  last?: Pick<Feedback, 'kind' | 'by' | 'at' | 'incidentId'>;
}

/** What `show <plan>` prints about the plan's feedback: data only, the renderer finds the words. */
export function describeFeedback(feedback: readonly Feedback[], now: number, settings: FeedbackSettings = DEFAULT_FEEDBACK): FeedbackSummary {
  const alarms = falseAlarms(feedback, now, settings);
  const total = Math.min(
    settings.maxDecades,
    alarms.reduce((sum, f) => sum + f.decades, 0),
  );
  const last = [...feedback].sort((a, b) => b.at - a.at)[0];
  return {
    falseAlarms: alarms,
    maxDecades: total,
    thresholdFactor: 10 ** -total,
    acknowledged: feedback.filter((f) => f.kind === 'acknowledge').length,
    escalated: feedback.filter((f) => f.kind === 'escalate').length,
    muted: feedback.filter((f) => f.kind === 'mute').length,
    ...(last ? { last: { kind: last.kind, by: last.by, at: last.at, incidentId: last.incidentId } } : {}),
  };
}

/** The feedback a button click records for an incident, with the volumes "Not a crisis" needs. */
export function feedbackFor(incident: Incident, kind: Feedback['kind'], by: string, at: number): Feedback {
  const base = { planId: incident.planId, incidentId: incident.id, kind, by, at };
  if (kind !== 'not_crisis' || incident.explanation.metric !== 'negative') return base;
  return { ...base, observed: incident.explanation.observed, expected: incident.explanation.expected };
}

/** The incident with one piece of feedback recorded on it. */
export function applyFeedback(incident: Incident, feedback: Feedback, settings: FeedbackSettings = DEFAULT_FEEDBACK): Incident {
  const actor = { by: feedback.by, at: feedback.at };
  switch (feedback.kind) {
    case 'acknowledge':
      return { ...incident, acknowledged: actor };
    case 'escalate':
      return { ...incident, escalated: actor };
    case 'mute':
      return { ...incident, muted: { ...actor, until: feedback.at + settings.muteMs } };
    case 'not_crisis':
      return { ...incident, falsePositive: actor };
  }
}
