import type { DigestView } from '../../core/digest/view.js';
import type { Incident, Sample } from '../../core/incident/incident.js';
import type { SourceKind } from '../../core/mention.js';
import type { DigestSchedule, Plan } from '../../core/plan.js';
import { brandNameOf } from '../../core/respond/facts.js';
import type { Store } from '../../store/store.js';
import { incidentEvidence } from '../report/evidence.js';
import { minutesToAcknowledge } from '../commands/reports.js';
import { planShareOfVoice } from '../share-of-voice.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INCIDENTS_LOOKED_AT = 200;
const TOP_POSTS = 3;
const SOURCES_SHOWN = 5;

const engagement = (s: Sample): number => {
  const m = s.metrics ?? {};
  return (m.likes ?? 0) + 2 * (m.reposts ?? 0) + (m.replies ?? 0) + 2 * (m.quotes ?? 0);
};

const overlaps = (incident: Incident, from: number, to: number): boolean =>
  incident.openedAt < to && (incident.resolvedAt ?? Number.POSITIVE_INFINITY) >= from;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

async function postsIn(incidents: Incident[], from: number, to: number): Promise<Sample[]> {
  const posts: Sample[] = [];
  for (const incident of incidents.filter((i) => overlaps(i, from, to))) {
    for (const post of await incidentEvidence(incident)) if (post.publishedAt >= from && post.publishedAt < to) posts.push(post);
  }
  return posts;
}

/**
 * The digest of one plan's period, or undefined when nothing happened in it (no negative mention, no incident
 * opened, resolved or open) and the schedule does not say `always`. `period.timeZone` is the zone it was cut in
 * (the plan's): the digest's times are written in it.
 */
export async function digestOf(
  store: Store,
  plan: Plan,
  schedule: DigestSchedule,
  period: { from: number; to: number; timeZone: string },
): Promise<DigestView | undefined> {
  const { from, to } = period;
  const length = to - from;
  const buckets = await store.buckets.range(plan.id, from - length, to);
  const volume = { total: 0, negative: 0, previousTotal: 0, previousNegative: 0 };
  const slotMs = schedule.every === 'daily' ? HOUR : DAY;
  const series = new Array<number>(Math.max(1, Math.round(length / slotMs))).fill(0);
  for (const b of buckets) {
    if (b.start >= from) {
      volume.total += b.total;
      volume.negative += b.negative;
      const slot = Math.min(series.length - 1, Math.floor((b.start - from) / slotMs));
      series[slot] = (series[slot] ?? 0) + b.negative;
    } else {
      volume.previousTotal += b.total;
      volume.previousNegative += b.negative;
    }
  }
  const incidents = await store.incidents.list(plan.id, INCIDENTS_LOOKED_AT);
  const opened = incidents.filter((i) => i.openedAt >= from && i.openedAt < to);
  const resolved = incidents.filter((i) => i.resolvedAt !== undefined && i.resolvedAt >= from && i.resolvedAt < to);
  const stillOpen = incidents.filter((i) => i.status === 'open' && i.openedAt < to);
  if (!schedule.always && volume.negative === 0 && opened.length === 0 && resolved.length === 0 && stillOpen.length === 0) return undefined;

  const now = await postsIn(incidents, from, to);
  const before = await postsIn(incidents, from - length, from);
  const byKind = new Map<SourceKind, { negative: number; previous: number }>();
  for (const p of now)
    byKind.set(p.sourceKind, { negative: (byKind.get(p.sourceKind)?.negative ?? 0) + 1, previous: byKind.get(p.sourceKind)?.previous ?? 0 });
  for (const p of before)
    byKind.set(p.sourceKind, { negative: byKind.get(p.sourceKind)?.negative ?? 0, previous: (byKind.get(p.sourceKind)?.previous ?? 0) + 1 });
  const ack = median(opened.map(minutesToAcknowledge).filter((m): m is number => m !== undefined));
  // The brand beside each competitor over the same period (issue 20: share of voice in the digest).
  const voice = plan.what.competitors ? await planShareOfVoice(store, plan, from, to) : [];
  return {
    planId: plan.id,
    planName: plan.name,
    locale: plan.locale,
    timeZone: period.timeZone,
    every: schedule.every,
    from,
    to,
    volume,
    incidents: {
      opened: opened.length,
      resolved: resolved.length,
      stillOpen: stillOpen.length,
      ...(ack !== undefined ? { medianAckMinutes: ack } : {}),
    },
    topPosts: [...now]
      .sort((a, b) => engagement(b) - engagement(a) || b.publishedAt - a.publishedAt)
      .slice(0, TOP_POSTS)
      .map(({ author, text, url, sourceKind }) => ({ author, text, url, sourceKind })),
    sources: [...byKind]
      .map(([kind, c]) => ({ kind, ...c }))
      .filter((s) => s.negative !== s.previous)
      .sort((a, b) => Math.abs(b.negative - b.previous) - Math.abs(a.negative - a.previous) || a.kind.localeCompare(b.kind))
      .slice(0, SOURCES_SHOWN),
    series,
    shareOfVoice: voice.length > 1 ? voice.map((v) => (v.role === 'brand' ? { ...v, name: brandNameOf(plan) } : v)) : [],
  };
}
