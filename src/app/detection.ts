import type { Bucket, Decision } from '../core/detect/types.js';
import type { Incident, Sample, SeverityLevel } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import type { Feedback } from '../core/incident/feedback.js';

/** What one bucket did to a plan's incident. `historical` events come from past history and are never alerted. */
export interface IncidentEvent {
  type: 'opened' | 'updated' | 'resolved';
  historical: boolean;
  previous?: { stage: number; severity: number; negative: number };
}

export interface IncidentStep {
  plan: Plan;
  open: Incident | undefined;
  decision: Decision;
  bucket: Bucket;
  samples: Sample[];
  live: boolean;
  now: number;
}

/**
 * The detector and the incident lifecycle as the pipeline uses them: bound once to the core functions and the
 * settings (bucket length, resolve delay), so the pipeline stays free of statistics.
 */
export interface DetectionPort {
  /** A plan's detector state from what the store returned (undefined for a new plan). Opaque to the pipeline. */
  restore(raw: unknown): DetectorHandle;
  /** Start of the next bucket to step, or undefined before the first. */
  nextBucket(state: DetectorHandle): number | undefined;
  step(state: DetectorHandle, bucket: Bucket, plan: Plan, feedback: Feedback[], now: number): Decision;
  incident(step: IncidentStep): { incident?: Incident; events: IncidentEvent[] };
  /** Expected negatives (and one spread) of a bucket starting at `start`, from the plan's current baseline: for charts. */
  baselineAt(state: DetectorHandle, start: number): { expected: number; spread: number };
  /** When a non-critical alert of this plan may go out (quiet hours). */
  releaseAt(plan: Plan, now: number, level: SeverityLevel): number;
  /** Buckets that closed within this window before now are live; older ones are history. */
  liveWindowMs: number;
}

/** A detector state as held by the pipeline between restore and save. */
export type DetectorHandle = object;
