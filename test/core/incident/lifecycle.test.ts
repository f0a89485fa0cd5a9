import { describe, expect, it } from 'vitest';
import type { Bucket, Decision } from '../../../src/core/detect/types.js';
import { IncidentSchema, type Incident, type Sample } from '../../../src/core/incident/incident.js';
import { DEFAULT_INCIDENT_SETTINGS, stepIncident, type IncidentEvent, type IncidentSettings } from '../../../src/core/incident/lifecycle.js';
import { applyFeedback } from '../../../src/core/incident/feedback.js';
import type { SourceKind } from '../../../src/core/mention.js';

const BUCKET = 5 * 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 3, 8);
const settings: IncidentSettings = { ...DEFAULT_INCIDENT_SETTINGS, bucketMs: BUCKET, resolveAfterMs: 2 * HOUR, minUpdateGapMs: HOUR };
const plan = { id: 'plan-1' };

function decision(start: number, negative: number, expected: number, options: { alert?: boolean; near?: boolean } = {}): Decision {
  const alert = options.alert ?? negative > 3 * expected;
  return {
    bucketStart: start,
    alert,
    score: alert ? 0.8 : 0.1,
    nearBaseline: options.near ?? negative <= 1.5 * expected,
    explanation: {
      metric: 'negative',
      observed: negative,
      expected,
      spread: Math.sqrt(expected),
      windowMs: BUCKET,
      ratio: negative / expected,
      tailProbability: alert ? 1e-9 : 0.4,
      threshold: 2.5e-5,
    },
  };
}

function samples(n: number, start: number, kind: SourceKind = 'x', engagement = 0): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${kind}-${start}-${i}`,
    sourceKind: kind,
    url: `https://example.org/${kind}/${start}/${i}`,
    author: `u${i}`,
    text: 'terrible service',
    publishedAt: start + 60_000,
    sentiment: 'negative' as const,
    confidence: 0.9,
    metrics: { likes: engagement * (i + 1) },
  }));
}

/** Drive the lifecycle over a series of negative counts, as the pipeline would (saving what it returns). */
function drive(
  counts: number[],
  options: {
    expected?: number;
    kinds?: (i: number) => SourceKind;
    open?: Incident;
    from?: number;
    live?: boolean;
    now?: (end: number) => number;
    between?: (i: number, open: Incident | undefined) => Incident | undefined;
  } = {},
) {
  const expected = options.expected ?? 10;
  let open = options.open;
  const events: Array<IncidentEvent & { i: number; id: string }> = [];
  const saved: Incident[] = [];
  let ids = 0;
  counts.forEach((negative, i) => {
    const start = (options.from ?? T0) + i * BUCKET;
    const bucket: Bucket = { start, negative, total: negative * 2, engagement: 0 };
    const result = stepIncident({
      plan,
      open,
      decision: decision(start, negative, expected),
      bucket,
      samples: samples(Math.min(negative, 30), start, options.kinds?.(i) ?? 'x'),
      now: options.now ? options.now(start + BUCKET) : start + BUCKET,
      live: options.live ?? true,
      settings,
      newId: () => `inc-${++ids}`,
    });
    if (result.incident) {
      saved.push(result.incident);
      open = result.incident.status === 'open' ? result.incident : undefined;
    }
    for (const e of result.events) events.push({ ...e, i, id: result.incident!.id });
    if (options.between) open = options.between(i, open);
  });
  return { events, saved, open };
}

const calm = (n: number): number[] => new Array<number>(n).fill(10);

describe('incident lifecycle', () => {
  it('opens on an alerting bucket, coalesces the storm into few updates, and resolves after a calm period', () => {
    // A storm that keeps growing for two hours, then calm for three.
    const storm = Array.from({ length: 24 }, (_, i) => 40 + 40 * i);
    const { events, saved } = drive([...calm(3), ...storm, ...calm(36)]);
    expect(events[0]).toMatchObject({ type: 'opened', historical: false, i: 3 });
    const updates = events.filter((e) => e.type === 'updated');
    // Two hours of growth: at most one volume/severity update an hour.
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(2);
    for (const u of updates) expect(u.previous).toBeDefined();
    const resolved = events.find((e) => e.type === 'resolved')!;
    expect(resolved.i).toBe(3 + 23 + 24); // two hours after the last stormy bucket
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    const last = saved.at(-1)!;
    expect(last.status).toBe('resolved');
    expect(last.counts.negative).toBe(storm.reduce((a, b) => a + b, 0) + 10 * 24);
    expect(last.peak.negative).toBe(storm.at(-1));
    expect(last.samples.length).toBeLessThanOrEqual(settings.maxSamples);
    expect(IncidentSchema.safeParse(last).success).toBe(true);
  });

  it('keeps one thread through a lull shorter than the resolve delay, and opens a new one for a later storm', () => {
    const { events } = drive([...calm(2), 80, 90, ...calm(12), 85, ...calm(30), 100, ...calm(2)]);
    const opened = events.filter((e) => e.type === 'opened');
    expect(opened.map((e) => e.i)).toEqual([2, 2 + 2 + 12 + 1 + 30]);
    expect(opened[0]!.id).not.toBe(opened[1]!.id);
    expect(events.filter((e) => e.type === 'resolved')).toHaveLength(1);
  });

  it('updates at once when the story spreads to another stage', () => {
    // Micro-blogs first, then a news article within the same storm.
    const { events, saved } = drive([60, 70, 80, 90], { kinds: (i) => (i === 2 ? 'gnews' : 'x') });
    const update = events.find((e) => e.type === 'updated')!;
    expect(update.i).toBe(2);
    expect(update.reasons).toContain('stage');
    expect(update.previous?.stage).toBe(1);
    expect(saved.at(-1)!.stage).toBe(4);
    expect(saved.at(-1)!.sources.map((s) => s.kind)).toEqual(['x', 'gnews']);
  });

  it('marks events of buckets that closed long before now as historical', () => {
    const now = T0 + 3 * 24 * HOUR;
    const { events } = drive([...calm(2), 90, 100, ...calm(30)], { now: () => now });
    expect(events.map((e) => [e.type, e.historical])).toEqual([
      ['opened', true],
      ['resolved', true],
    ]);
    const replay = drive([...calm(2), 90], { live: false });
    expect(replay.events[0]).toMatchObject({ type: 'opened', historical: true });
  });

  it('mute silences updates but keeps counting; the update comes once the mute ends', () => {
    const storm = Array.from({ length: 30 }, (_, i) => 40 * 2 ** Math.min(i, 8));
    const muted = drive(storm, {
      between: (i, open) => (i === 0 && open ? applyFeedback(open, { planId: plan.id, incidentId: open.id, kind: 'mute', by: 'U1', at: T0 }) : open),
    });
    const updates = muted.events.filter((e) => e.type === 'updated');
    const muteEnd = T0 + 2 * HOUR;
    // The storm runs half an hour past the mute and the incident keeps growing: an update must follow the mute,
    // so "every update comes after the mute" is about at least one update.
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) expect(T0 + (u.i + 1) * BUCKET).toBeGreaterThanOrEqual(muteEnd);
    expect(muted.saved.at(-1)!.counts.negative).toBe(storm.reduce((a, b) => a + b, 0));
    expect(muted.saved.at(-1)!.muted).toMatchObject({ by: 'U1', until: muteEnd });
  });

  it('"not a crisis" silences the incident\'s updates and records who said so', () => {
    const storm = Array.from({ length: 30 }, (_, i) => 40 * 2 ** Math.min(i, 8));
    const run = drive(storm, {
      between: (i, open) =>
        i === 0 && open ? applyFeedback(open, { planId: plan.id, incidentId: open.id, kind: 'not_crisis', by: 'U2', at: T0 }) : open,
    });
    expect(run.events.filter((e) => e.type === 'updated')).toHaveLength(0);
    expect(run.saved.at(-1)!.falsePositive).toEqual({ by: 'U2', at: T0 });
    // Without the mark the same storm is updated: the silence above is the mark's doing.
    expect(drive(storm).events.filter((e) => e.type === 'updated').length).toBeGreaterThan(0);
  });

  it('survives a restart mid-incident: the saved incident, read back from JSON, continues the same thread', () => {
    const series = [...calm(2), 80, 160, 320, 640, ...calm(30)];
    const straight = drive(series);
    const first = drive(series.slice(0, 4));
    const reloaded = IncidentSchema.parse(JSON.parse(JSON.stringify(first.open)));
    const second = drive(series.slice(4), { open: reloaded, from: T0 + 4 * BUCKET });
    const joined = [...first.events, ...second.events.map((e) => ({ ...e, i: e.i + 4 }))];
    expect(joined.map((e) => [e.type, e.i, e.id])).toEqual(straight.events.map((e) => [e.type, e.i, e.id]));
    expect(second.saved.at(-1)).toEqual(straight.saved.at(-1));
  });

  it('keeps the most engaging samples, bounded', () => {
    const start = T0;
    const many = samples(50, start, 'x', 3);
    const result = stepIncident({
      plan,
      open: undefined,
      decision: decision(start, 50, 5),
      bucket: { start, negative: 50, total: 60, engagement: 0 },
      samples: many,
      now: start + BUCKET,
      live: true,
      settings,
      newId: () => 'inc',
    });
    const kept = result.incident!.samples;
    expect(kept).toHaveLength(settings.maxSamples);
    expect(kept[0]!.id).toBe(many.at(-1)!.id);
    // Each kept sample has its velocity, so the order below compares velocities, not the fallback 0s.
    expect(kept.map((s) => typeof s.velocity)).toEqual(kept.map(() => 'number'));
    expect(kept.every((s, i) => i === 0 || (kept[i - 1]!.velocity ?? 0) >= (s.velocity ?? 0))).toBe(true);
  });

  it('does nothing without an alert and without an open incident', () => {
    const result = stepIncident({
      plan,
      open: undefined,
      decision: decision(T0, 10, 10),
      bucket: { start: T0, negative: 10, total: 20, engagement: 0 },
      samples: [],
      now: T0 + BUCKET,
      live: true,
      settings,
      newId: () => 'never',
    });
    expect(result).toEqual({ events: [] });
  });
});

describe('severity of a storm whose sources report no reach', () => {
  it('×65 the expected volume with a boycott hashtag, from a source without metrics, opens at least "high"', () => {
    const start = T0;
    const posts: Sample[] = Array.from({ length: 65 }, (_, i) => ({
      id: `rss-${i}`,
      sourceKind: 'mastodon',
      url: `https://social.example/@u${i}/${i}`,
      author: `u${i}`,
      text: i % 3 === 0 ? 'Never again. #BoycottAcme' : 'Acme cancelled everything, disgraceful',
      publishedAt: start + 60_000,
      sentiment: 'negative',
      confidence: 0.9,
    }));
    const bucket: Bucket = { start, total: 70, negative: 65, engagement: 0 };
    const step = stepIncident({
      plan,
      open: undefined,
      decision: decision(start, 65, 1),
      bucket,
      samples: posts,
      live: true,
      now: start + 2 * BUCKET,
      settings,
      newId: () => 'i-1',
    });
    expect(step.incident?.counts.engagement).toBe(0);
    expect(step.incident?.severity.reachUnknown).toBe(true);
    expect(step.incident?.stage).toBe(2);
    expect(['high', 'critical']).toContain(step.incident?.severity.level);
  });
});
