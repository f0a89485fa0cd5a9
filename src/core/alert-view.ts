import type { Plan } from './plan.js';
import { planTimeZone } from './time-zone.js';
import type { Locale } from '../i18n/locale.js';
import type { Bucket, Explanation } from './detect/types.js';
import type { Incident, Sample, Severity, Stage } from './incident/incident.js';
import type { Channel, SourceKind } from './mention.js';
import { postRef } from './corrections/correction.js';

/**
 * What an alert says, independent of any platform: the core fills it with data only (no words);
 * the local, Slack and Teams renderers turn it into text, Block Kit or an Adaptive Card through the catalogue.
 */
export interface AlertView {
  incidentId: string;
  planId: string;
  planName: string;
  /** The brand query as the user typed it. */
  brand: string;
  locale: Locale;
  status: Incident['status'];
  stage: Stage;
  severity: Severity;
  explanation: Explanation;
  counts: Incident['counts'];
  peak: Incident['peak'];
  openedAt: number;
  resolvedAt?: number;
  sources: Array<{ kind: SourceKind; channel: Channel; negative: number; firstSeenAt: number }>;
  /**
   * Top negative posts, most engaging first, at most five (posts corrected to another label are left out), each
   * with the short reference a person types to correct its sentiment (`correct <ref> neutral`).
   */
  topPosts: Array<Pick<Sample, 'url' | 'author' | 'text' | 'sourceKind' | 'publishedAt' | 'metrics' | 'velocity'> & { ref: string }>;
  state: {
    acknowledged?: { by: string; at: number };
    escalated?: { by: string; at: number };
    muted?: { by: string; at: number; until: number };
    falsePositive?: { by: string; at: number };
  };
  /** Platform user ids to mention when escalating. */
  escalation: string[];
  /** Which models scored the evidence: remote model names, BUILTIN_SENTIMENT_MODEL for Vigie's own. */
  sentimentModels: string[];
  /** IANA zone the alert's times are written in: the plan's (see `planTimeZone`). */
  timeZone: string;
  /** The signed link to the incident's report page, added by the application when reports are served. */
  reportUrl?: string;
}

/** The name the view gives Vigie's built-in sentiment model; renderers show it as a catalogue phrase. */
export const BUILTIN_SENTIMENT_MODEL = 'builtin';
/** The name the view gives a label taken from the workspace's corrections (a copy of a corrected post). */
export const CORRECTIONS_MODEL = 'corrections';

/** The four buttons of an alert. A click carries one of these and the incident id, and re-enters the command path. */
export const ALERT_ACTIONS = ['acknowledge', 'escalate', 'mute', 'not_crisis'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** Volume series for the chart of an incident thread: a baseline before the incident, then the incident to now. */
export interface ChartView {
  /** The points drawn, one per `bucketMs` from `from` to `to` (the detector's buckets, or several merged). */
  buckets: Bucket[];
  bucketMs: number;
  /** Expected negative count and one spread per point, aligned with `buckets`. */
  baseline: Array<{ expected: number; spread: number }>;
  /** Start of the bucket that opened the incident. */
  spikeAt: number;
  /** The window shown: a baseline before the incident, then the incident up to now (see `chart/window.ts`). */
  from: number;
  to: number;
  /** IANA zone the times are written in: the plan's (`planTimeZone`). */
  timeZone: string;
  locale: Locale;
  title: string;
}

const TOP_POSTS = 5;

function engagementScore(sample: Sample): number {
  const m = sample.metrics ?? {};
  return (m.likes ?? 0) + 2 * (m.reposts ?? 0) + (m.replies ?? 0) + 2 * (m.quotes ?? 0) + Math.sqrt(m.followers ?? 0);
}

/** The neutral view of an incident of a plan, as every platform shows it. */
export function buildAlertView(incident: Incident, plan: Plan, defaultTimeZone = 'UTC'): AlertView {
  const negatives = incident.samples.filter((s) => s.sentiment === 'negative');
  const topPosts = [...negatives]
    .sort((a, b) => engagementScore(b) - engagementScore(a) || b.publishedAt - a.publishedAt)
    .slice(0, TOP_POSTS)
    .map(({ id, url, author, text, sourceKind, publishedAt, metrics, velocity }) => ({
      ref: postRef(id),
      url,
      author,
      text,
      sourceKind,
      publishedAt,
      ...(metrics ? { metrics } : {}),
      ...(velocity !== undefined ? { velocity } : {}),
    }));
  return {
    incidentId: incident.id,
    planId: plan.id,
    planName: plan.name,
    brand: plan.what.brand,
    locale: plan.locale,
    status: incident.status,
    stage: incident.stage,
    severity: incident.severity,
    explanation: incident.explanation,
    counts: incident.counts,
    peak: incident.peak,
    openedAt: incident.openedAt,
    ...(incident.resolvedAt !== undefined ? { resolvedAt: incident.resolvedAt } : {}),
    sources: incident.sources.map((s) => ({ kind: s.kind, channel: s.channel, negative: s.negative, firstSeenAt: s.firstSeenAt })),
    topPosts,
    state: {
      ...(incident.acknowledged ? { acknowledged: incident.acknowledged } : {}),
      ...(incident.escalated ? { escalated: incident.escalated } : {}),
      ...(incident.muted ? { muted: incident.muted } : {}),
      ...(incident.falsePositive ? { falsePositive: incident.falsePositive } : {}),
    },
    escalation: plan.escalation,
    sentimentModels: [...new Set(negatives.map((s) => s.sentimentModel ?? BUILTIN_SENTIMENT_MODEL))],
    timeZone: planTimeZone(plan, defaultTimeZone),
  };
}
