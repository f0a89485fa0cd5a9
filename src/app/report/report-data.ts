import type { ChartView } from '../../core/alert-view.js';
import { competitorsOf, type VoiceShare } from '../../core/competitors.js';
import type { DraftKind, Incident, Sample } from '../../core/incident/incident.js';
import type { Channel } from '../../core/mention.js';
import type { Plan } from '../../core/plan.js';
import { brandNameOf } from '../../core/respond/facts.js';
import type { Suggestion } from '../../core/respond/types.js';
import { planTimeZone } from '../../core/time-zone.js';
import type { Store } from '../../store/store.js';
import { planShareOfVoice } from '../share-of-voice.js';
import { incidentEvidence } from './evidence.js';

/** One dated line of an incident's story: what happened, who did it. */
export type TimelineEvent =
  | { kind: 'opened'; at: number }
  | { kind: 'alerted'; at: number }
  | { kind: 'channel'; at: number; channel: Channel; source: string }
  | { kind: 'peak'; at: number; negative: number; expected: number }
  | { kind: 'update'; at: number; stage: number; severity: number; negative: number }
  | { kind: 'acknowledged' | 'escalated' | 'false_positive'; at: number; by: string }
  | { kind: 'muted'; at: number; by: string; until: number }
  | { kind: 'draft_used'; at: number; by: string; draft: DraftKind }
  | { kind: 'resolved'; at: number };

/** Share of voice over the incident's window: the brand's row first (named as the brand is written), then each competitor's. */
export interface ReportVoice {
  from: number;
  to: number;
  rows: VoiceShare[];
}

/** Everything an incident's report page shows, as data; the page renders it in the plan's language. */
export interface ReportData {
  plan: Pick<Plan, 'name' | 'locale'> & { brand: string };
  incident: Incident;
  timeZone: string;
  timeline: TimelineEvent[];
  chart: ChartView;
  /** Negative posts, most engaging first. */
  posts: Sample[];
  /** Posts per language, most first. */
  languages: Array<{ lang: string; count: number }>;
  suggestion?: Suggestion;
  /** Set when the plan watches competitors. */
  voice?: ReportVoice;
}

const engagement = (s: Sample): number => {
  const m = s.metrics ?? {};
  return (m.likes ?? 0) + 2 * (m.reposts ?? 0) + (m.replies ?? 0) + 2 * (m.quotes ?? 0) + Math.sqrt(m.followers ?? 0);
};

/** The dated story of an incident, oldest first, from what the incident records. */
export function timelineOf(incident: Incident): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'opened', at: incident.openedAt }];
  if (incident.alertedAt !== undefined) events.push({ kind: 'alerted', at: incident.alertedAt });
  // The first time each channel of the domino chain was reached is when the incident reached its stage.
  const firstByChannel = new Map<Channel, { at: number; source: string }>();
  for (const s of incident.sources) {
    const known = firstByChannel.get(s.channel);
    if (!known || s.firstSeenAt < known.at) firstByChannel.set(s.channel, { at: s.firstSeenAt, source: s.kind });
  }
  for (const [channel, first] of firstByChannel) events.push({ kind: 'channel', at: first.at, channel, source: first.source });
  events.push({ kind: 'peak', at: incident.peak.bucketStart, negative: incident.peak.negative, expected: incident.peak.expected });
  for (const update of incident.updates ?? []) events.push({ kind: 'update', ...update });
  if (incident.acknowledged) events.push({ kind: 'acknowledged', ...incident.acknowledged });
  if (incident.escalated) events.push({ kind: 'escalated', ...incident.escalated });
  if (incident.muted) events.push({ kind: 'muted', ...incident.muted });
  if (incident.falsePositive) events.push({ kind: 'false_positive', ...incident.falsePositive });
  for (const used of incident.usedDrafts ?? []) events.push({ kind: 'draft_used', at: used.at, by: used.by, draft: used.kind });
  if (incident.resolvedAt !== undefined) events.push({ kind: 'resolved', at: incident.resolvedAt });
  return events.sort((a, b) => a.at - b.at);
}

/**
 * The brand beside each competitor while the incident lasted (opened → resolved, or → `now` while open), or undefined
 * when the plan watches no competitor (issue 20: share of voice in the incident report).
 */
export async function incidentVoice(store: Pick<Store, 'buckets'>, incident: Incident, plan: Plan, now: number): Promise<ReportVoice | undefined> {
  if (competitorsOf(plan.what.competitors).length === 0) return undefined;
  const from = incident.openedAt;
  const to = Math.max(from + 1, incident.resolvedAt ?? now);
  const rows = await planShareOfVoice(store, plan, from, to);
  return { from, to, rows: rows.map((v) => (v.role === 'brand' ? { ...v, name: brandNameOf(plan) } : v)) };
}

/** The report of an incident; its times in the plan's zone, else `defaultTimeZone` (`VIGIE_TIMEZONE`). */
export async function reportData(
  incident: Incident,
  plan: Plan,
  parts: { chart: ChartView; suggestion?: Suggestion | undefined; voice?: ReportVoice | undefined },
  defaultTimeZone: string,
): Promise<ReportData> {
  const posts = [...(await incidentEvidence(incident))].sort((a, b) => engagement(b) - engagement(a) || b.publishedAt - a.publishedAt);
  const languages = new Map<string, number>();
  for (const p of posts) languages.set(p.lang ?? '?', (languages.get(p.lang ?? '?') ?? 0) + 1);
  return {
    plan: { name: plan.name, locale: plan.locale, brand: plan.what.brand },
    incident,
    timeZone: planTimeZone(plan, defaultTimeZone),
    timeline: timelineOf(incident),
    chart: parts.chart,
    posts,
    languages: [...languages].map(([lang, count]) => ({ lang, count })).sort((a, b) => b.count - a.count || a.lang.localeCompare(b.lang)),
    ...(parts.suggestion ? { suggestion: parts.suggestion } : {}),
    ...(parts.voice ? { voice: parts.voice } : {}),
  };
}
