import { channelOf } from '../mention.js';
import type { SentimentLabel } from '../sentiment/types.js';
import type { Incident } from './incident.js';
import { assessIncident, type IncidentSettings } from './lifecycle.js';

export interface SampleCorrection {
  postId: string;
  label: SentimentLabel;
  by: string;
  at: number;
}

export interface CorrectedIncident {
  incident: Incident;
  /** The label the post had before (the model's, or an earlier correction's). */
  previous: SentimentLabel;
  /** Change of the incident's negative count: -1 when a negative post is corrected away, +1 back, 0 otherwise. */
  delta: -1 | 0 | 1;
}

/**
 * A corrected evidence post changes its contribution to the incident at once: a post that is not negative after
 * all leaves the negative count, its source's negative tally and the evidence the stage and severity are read
 * from (it stays in `samples`, marked, so that the correction can be shown and undone). Pure; undefined when the
 * incident holds no such post.
 */
export function correctIncidentSample(
  incident: Incident,
  correction: SampleCorrection,
  settings: Pick<IncidentSettings, 'bucketMs' | 'domino'>,
): CorrectedIncident | undefined {
  const sample = incident.samples.find((s) => s.id === correction.postId);
  if (!sample) return undefined;
  const previous = sample.sentiment;
  const delta = ((correction.label === 'negative' ? 1 : 0) - (previous === 'negative' ? 1 : 0)) as -1 | 0 | 1;
  const samples = incident.samples.map((s) =>
    s.id === correction.postId
      ? { ...s, sentiment: correction.label, corrected: { by: correction.by, at: correction.at, from: s.corrected?.from ?? previous } }
      : s,
  );
  const channel = channelOf(sample);
  const sources = incident.sources.map((s) =>
    s.kind === sample.sourceKind && s.channel === channel ? { ...s, negative: Math.max(0, s.negative + delta) } : s,
  );
  if (delta > 0 && !sources.some((s) => s.kind === sample.sourceKind && s.channel === channel)) {
    sources.push({ kind: sample.sourceKind, channel, firstSeenAt: sample.publishedAt, negative: 1 });
  }
  const counts = { ...incident.counts, negative: Math.max(0, incident.counts.negative + delta) };
  const next: Incident = { ...incident, samples, sources, counts };
  if (delta !== 0) {
    const { stage, severity } = assessIncident(next, incident.stage, correction.at, incident.lastBucketAt + settings.bucketMs, settings);
    next.stage = stage;
    next.severity = severity;
  }
  return { incident: next, previous, delta };
}
