import { describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../src/core/alert-view.js';
import { postRef } from '../../../src/core/corrections/correction.js';
import { correctIncidentSample } from '../../../src/core/incident/correction.js';
import { IncidentSchema, type Incident, type Sample } from '../../../src/core/incident/incident.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../../../src/core/incident/lifecycle.js';
import type { Plan } from '../../../src/core/plan.js';
import { planFixture } from '../../store/contract.js';

const T0 = Date.UTC(2026, 2, 3, 8);
const HOUR = 3_600_000;
const settings = { bucketMs: 5 * 60_000, domino: DEFAULT_INCIDENT_SETTINGS.domino };

const sample = (id: string, kind: Sample['sourceKind'], url: string, followers = 0): Sample => ({
  id,
  sourceKind: kind,
  url,
  author: id,
  text: `${id}: Acme is a disgrace`,
  publishedAt: T0,
  sentiment: 'negative',
  confidence: 0.8,
  metrics: { likes: 3, reposts: 1, followers },
});

function incident(): Incident {
  return {
    id: 'inc-1',
    planId: 'p1',
    status: 'open',
    openedAt: T0,
    lastBucketAt: T0 + 30 * 60_000,
    stage: 3,
    severity: { score: 50, level: 'medium', parts: { size: 0.5, speed: 0.5, reach: 0.5, stage: 0.5 } },
    explanation: {
      metric: 'negative',
      observed: 12,
      expected: 2,
      spread: 1.4,
      windowMs: 1_800_000,
      ratio: 6,
      tailProbability: 1e-8,
      threshold: 1e-5,
    },
    counts: { negative: 12, total: 20, engagement: 40, expectedNegative: 2 },
    peak: { bucketStart: T0, negative: 6, expected: 0.5 },
    sources: [
      { kind: 'x', channel: 'microblog', firstSeenAt: T0, negative: 10 },
      { kind: 'gnews', channel: 'news', firstSeenAt: T0 + 60_000, negative: 1 },
      { kind: 'reddit', channel: 'forum', firstSeenAt: T0 + 60_000, negative: 1 },
    ],
    samples: [
      sample('x:1', 'x', 'https://x.com/a/status/1', 50_000),
      sample('x:2', 'x', 'https://x.com/b/status/2'),
      sample('gnews:3', 'gnews', 'https://news.example/3'),
    ],
  };
}

describe('a corrected evidence post', () => {
  it('leaves the negative count, its source and the evidence at once, marked with who and when', () => {
    const before = incident();
    const result = correctIncidentSample(before, { postId: 'gnews:3', label: 'neutral', by: 'amina', at: T0 + HOUR }, settings)!;
    expect(result.previous).toBe('negative');
    expect(result.delta).toBe(-1);
    const after = result.incident;
    expect(IncidentSchema.parse(after)).toEqual(after);
    expect(after.counts).toEqual({ ...before.counts, negative: 11 });
    expect(after.sources.find((s) => s.kind === 'gnews')!.negative).toBe(0);
    expect(after.samples.find((s) => s.id === 'gnews:3')).toMatchObject({
      sentiment: 'neutral',
      corrected: { by: 'amina', at: T0 + HOUR, from: 'negative' },
    });
    // The news post was what made it stage 4 material; the stage never goes down, severity is read again.
    expect(after.stage).toBe(3);
    const view = buildAlertView(after, planFixture('p1', 'acme') as Plan);
    expect(view.counts.negative).toBe(11);
    expect(view.topPosts.map((p) => p.ref)).toEqual([postRef('x:1'), postRef('x:2')]);
    expect(before.counts.negative).toBe(12);
  });

  it('counts again when corrected back to negative, keeps what the model said, and ignores a label it already has', () => {
    const once = correctIncidentSample(incident(), { postId: 'x:2', label: 'positive', by: 'amina', at: T0 + HOUR }, settings)!.incident;
    const back = correctIncidentSample(once, { postId: 'x:2', label: 'negative', by: 'karim', at: T0 + 2 * HOUR }, settings)!;
    expect(back.delta).toBe(1);
    expect(back.previous).toBe('positive');
    expect(back.incident.counts.negative).toBe(12);
    expect(back.incident.sources.find((s) => s.kind === 'x')!.negative).toBe(10);
    expect(back.incident.samples.find((s) => s.id === 'x:2')!.corrected).toEqual({ by: 'karim', at: T0 + 2 * HOUR, from: 'negative' });
    const same = correctIncidentSample(back.incident, { postId: 'x:1', label: 'negative', by: 'karim', at: T0 + 2 * HOUR }, settings)!;
    expect(same.delta).toBe(0);
    expect(same.incident.counts.negative).toBe(12);
  });

  it('is not found in an incident that does not show it', () => {
    expect(correctIncidentSample(incident(), { postId: 'x:404', label: 'neutral', by: 'amina', at: T0 }, settings)).toBeUndefined();
  });
});
