import type { Locale } from './plan.js';
import type { Bucket, Explanation } from './detect/types.js';
import type { Incident, Sample, Severity, Stage } from './incident/incident.js';
import type { Channel, SourceKind } from './mention.js';

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
  openedAt: number;
  resolvedAt?: number;
  sources: Array<{ kind: SourceKind; channel: Channel; negative: number; firstSeenAt: number }>;
  /** Top negative posts, most engaging first, at most five. */
  topPosts: Array<Pick<Sample, 'url' | 'author' | 'text' | 'sourceKind' | 'publishedAt' | 'metrics' | 'velocity'>>;
  state: {
    acknowledged?: { by: string; at: number };
    escalated?: { by: string; at: number };
    muted?: { by: string; at: number; until: number };
    falsePositive?: { by: string; at: number };
  };
  /** Platform user ids to mention when escalating. */
  escalation: string[];
}

/** The four buttons of an alert. A click carries one of these and the incident id, and re-enters the command path. */
export const ALERT_ACTIONS = ['acknowledge', 'escalate', 'mute', 'not_crisis'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** Volume series for the chart of an incident thread (last 48 h). */
export interface ChartView {
  buckets: Bucket[];
  bucketMs: number;
  /** Expected negative count and one spread per bucket, aligned with `buckets`. */
  baseline: Array<{ expected: number; spread: number }>;
  /** Start of the bucket that opened the incident. */
  spikeAt: number;
  locale: Locale;
  title: string;
}
