import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../src/core/incident/feedback.js';
import { applyFeedback, DEFAULT_FEEDBACK, describeFeedback, feedbackFor, thresholdAdjustment } from '../../../src/core/incident/feedback.js';
import { createDetectorState } from '../../../src/core/detect/detector.js';
import { BUCKET_MS, perDay, poisson, random, run } from '../detect/synthetic.js';
import type { Incident } from '../../../src/core/incident/incident.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10);
/** A surge per bucket close to the false alarm's (99 in 15 minutes against about 30). */
const PROBE = 33;

const notCrisis = (at: number, observed?: number, expected?: number): Feedback => ({
  planId: 'p',
  incidentId: `i-${at}`,
  kind: 'not_crisis',
  by: 'U1',
  at,
  ...(observed !== undefined ? { observed } : {}),
  ...(expected !== undefined ? { expected } : {}),
});

const incident: Incident = {
  id: 'inc-1',
  planId: 'p',
  status: 'open',
  openedAt: NOW,
  lastBucketAt: NOW,
  stage: 1,
  severity: { score: 30, level: 'medium', parts: { size: 0.5, speed: 0.3, reach: 0, stage: 0 } },
  explanation: { metric: 'negative', observed: 60, expected: 20, spread: 5, windowMs: 900_000, ratio: 3, tailProbability: 1e-7, threshold: 2.5e-5 },
  counts: { negative: 60, total: 100, engagement: 0, expectedNegative: 20 },
  peak: { bucketStart: NOW, negative: 30, expected: 7 },
  sources: [],
  samples: [],
};

describe('feedback', () => {
  it('"not a crisis" tightens the threshold by two decades for surges up to twice its ratio, halving every two weeks', () => {
    const fresh = thresholdAdjustment([notCrisis(NOW, 60, 20)], NOW);
    expect(fresh.entries).toEqual([{ upToRatio: 6, decades: 2 }]);
    const old = thresholdAdjustment([notCrisis(NOW - 14 * DAY, 60, 20)], NOW);
    expect(old.entries[0]!.decades).toBeCloseTo(1, 10);
    expect(thresholdAdjustment([notCrisis(NOW - 200 * DAY, 60, 20)], NOW).entries).toEqual([]);
    // Without recorded volumes it applies to every ratio.
    expect(thresholdAdjustment([notCrisis(NOW)], NOW).entries[0]!.upToRatio).toBe(Number.POSITIVE_INFINITY);
    // Other kinds of feedback do not touch the detector.
    expect(thresholdAdjustment([{ ...notCrisis(NOW), kind: 'acknowledge' }], NOW).entries).toEqual([]);
  });

  it('is bounded: the most recent false alarms only, and a capped total', () => {
    const many = Array.from({ length: 50 }, (_, i) => notCrisis(NOW - i * 1000, 30, 10));
    const adjustment = thresholdAdjustment(many, NOW);
    expect(adjustment.entries).toHaveLength(DEFAULT_FEEDBACK.maxEntries);
    const summary = describeFeedback(many, NOW);
    expect(summary.maxDecades).toBe(DEFAULT_FEEDBACK.maxDecades);
    expect(summary.thresholdFactor).toBeCloseTo(1e-6, 12);
  });

  it("describes the plan's feedback for `show <plan>`", () => {
    const feedback: Feedback[] = [
      notCrisis(NOW - DAY, 60, 20),
      { planId: 'p', incidentId: 'i-2', kind: 'acknowledge', by: 'U2', at: NOW - 3600_000 },
      { planId: 'p', incidentId: 'i-2', kind: 'escalate', by: 'U3', at: NOW - 1800_000 },
    ];
    const summary = describeFeedback(feedback, NOW);
    expect(summary.falseAlarms).toHaveLength(1);
    expect(summary.falseAlarms[0]).toMatchObject({ by: 'U1', observed: 60, expected: 20, ratio: 3, upToRatio: 6 });
    expect(summary.acknowledged).toBe(1);
    expect(summary.escalated).toBe(1);
    expect(summary.last).toEqual({ kind: 'escalate', by: 'U3', at: NOW - 1800_000, incidentId: 'i-2' });
  });

  it('records acknowledge, escalate, mute (two hours) and not-a-crisis on the incident, with the volumes it needs', () => {
    const acked = applyFeedback(incident, feedbackFor(incident, 'acknowledge', 'U1', NOW));
    expect(acked.acknowledged).toEqual({ by: 'U1', at: NOW });
    expect(applyFeedback(incident, feedbackFor(incident, 'escalate', 'U2', NOW)).escalated).toEqual({ by: 'U2', at: NOW });
    expect(applyFeedback(incident, feedbackFor(incident, 'mute', 'U3', NOW)).muted).toEqual({ by: 'U3', at: NOW, until: NOW + 2 * 3600_000 });
    const fp = feedbackFor(incident, 'not_crisis', 'U4', NOW);
    expect(fp).toMatchObject({ observed: 60, expected: 20 });
    expect(applyFeedback(incident, fp).falsePositive).toEqual({ by: 'U4', at: NOW });
  });

  it('after "not a crisis", the same surge no longer alerts but a much bigger one still does', () => {
    const rand = random(11);
    const state = run(14 * perDay, () => ({ negative: poisson(10, rand) }), {}, createDetectorState(BUCKET_MS), NOW - 14 * DAY).state;
    const probe = (negative: number, feedback: Feedback[]): boolean => {
      const copy = JSON.parse(JSON.stringify(state));
      const adjustment = thresholdAdjustment(feedback, NOW);
      return run(3, () => ({ negative }), { adjustment }, copy).decisions.some((d) => d.alert);
    };
    // The false alarm: 90 negatives in 15 minutes against 30 expected.
    const falseAlarm = notCrisis(NOW - DAY, 90, 30);
    expect(probe(PROBE, [])).toBe(true);
    expect(probe(PROBE, [falseAlarm])).toBe(false);
    expect(probe(100, [falseAlarm])).toBe(true);
  });
});
