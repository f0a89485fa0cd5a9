import { DEFAULT_FEEDBACK, describeFeedback } from '../core/incident/feedback.js';
import { formatDuration } from '../core/duration.js';
import type { Feedback } from '../core/incident/feedback.js';

/** What `show <plan>` says about "Not a crisis" feedback: how much and up to which volume the threshold rose. */
export type FeedbackSummary = { count: number; volume: string; factor: string; fade: string };

export function feedbackSummaryOf(feedback: Feedback[], now: number): FeedbackSummary | undefined {
  const summary = describeFeedback(feedback, now);
  if (summary.falseAlarms.length === 0) return undefined;
  const volumes = summary.falseAlarms.filter((f) => f.observed !== undefined).map((f) => Math.round((f.observed ?? 0) * DEFAULT_FEEDBACK.reach));
  return {
    count: summary.falseAlarms.length,
    volume: volumes.length > 0 ? String(Math.max(...volumes)) : '∞',
    factor: summary.thresholdFactor < 0.01 ? summary.thresholdFactor.toExponential(0) : String(Math.round(summary.thresholdFactor * 1000) / 1000),
    fade: formatDuration(DEFAULT_FEEDBACK.halfLifeMs),
  };
}
