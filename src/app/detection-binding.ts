import { baselineOf, createDetectorState, restoreDetectorState, stepDetector } from '../core/detect/detector.js';
import type { DetectorState } from '../core/detect/detector.js';
import { DEFAULT_INCIDENT_SETTINGS, stepIncident } from '../core/incident/lifecycle.js';
import type { IncidentSettings } from '../core/incident/lifecycle.js';
import { thresholdAdjustment } from '../core/incident/feedback.js';
import { releaseTime } from '../core/incident/quiet-hours.js';
import { randomUUID } from 'node:crypto';
import type { DetectionPort, DetectorHandle } from './detection.js';

/** The core detector and incident lifecycle, bound to this deployment's bucket length and resolve delay. */
export function createDetection(options: { bucketMs: number; resolveAfterMs: number; newId?: () => string }): DetectionPort {
  const settings: IncidentSettings = {
    ...DEFAULT_INCIDENT_SETTINGS,
    bucketMs: options.bucketMs,
    resolveAfterMs: options.resolveAfterMs,
    // A bucket is stepped one bucket after it closes; history is what closed well before that.
    staleAfterMs: Math.max(DEFAULT_INCIDENT_SETTINGS.staleAfterMs, 3 * options.bucketMs),
  };
  const newId = options.newId ?? randomUUID;
  const state = (handle: DetectorHandle): DetectorState => handle as DetectorState;
  return {
    restore: (raw) => (raw === undefined ? createDetectorState(options.bucketMs) : restoreDetectorState(raw, options.bucketMs)),
    nextBucket: (handle) => {
      const last = state(handle).lastStart;
      return last === null ? undefined : last + options.bucketMs;
    },
    step: (handle, bucket, plan, feedback, now) =>
      stepDetector(state(handle), bucket, {
        bucketMs: options.bucketMs,
        sensitivity: plan.sensitivity,
        adjustment: thresholdAdjustment(feedback, now),
      }),
    incident: ({ plan, open, decision, bucket, samples, live, now }) =>
      stepIncident({ plan, open, decision, bucket, samples, live, now, settings, newId }),
    baselineAt: (handle, start) => baselineOf(state(handle), start),
    releaseAt: (plan, now, level) => releaseTime(plan.quietHours, now, level),
    liveWindowMs: settings.staleAfterMs,
  };
}
