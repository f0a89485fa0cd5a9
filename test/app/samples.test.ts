import { describe, expect, it } from 'vitest';
import { createSampleBuffer } from '../../src/app/samples.js';
import type { Sample } from '../../src/core/incident/incident.js';

const sample = (id: string, at: number): Sample => ({
  id,
  sourceKind: 'rss',
  url: `https://example.org/${id}`,
  author: 'a',
  text: 'bad',
  publishedAt: at,
  sentiment: 'negative',
  confidence: 0.9,
});

describe('sample buffer', () => {
  it('holds at most perBucket samples per bucket (most engaging kept) and perPlan per plan (oldest buckets dropped)', () => {
    const buffer = createSampleBuffer({ perBucket: 3, perPlan: 6, keepMs: 86_400_000 });
    for (let bucket = 0; bucket < 4; bucket += 1) {
      for (let i = 0; i < 5; i += 1) buffer.add('p1', bucket * 300_000, sample(`${bucket}-${i}`, bucket * 300_000), i);
    }
    buffer.add('p2', 0, sample('other', 0), 1);
    // Four buckets of three are over the plan's six: the two oldest went.
    expect(buffer.take('p1', 0)).toEqual([]);
    expect(buffer.take('p1', 300_000)).toEqual([]);
    expect(buffer.take('p1', 600_000).map((s) => s.id)).toEqual(['2-4', '2-3', '2-2']);
    expect(buffer.take('p1', 900_000).map((s) => s.id)).toEqual(['3-4', '3-3', '3-2']);
    expect(buffer.take('p2', 0).map((s) => s.id)).toEqual(['other']);
  });

  it('drops buckets older than keepMs', () => {
    const buffer = createSampleBuffer({ perBucket: 3, perPlan: 100, keepMs: 1_000 });
    buffer.add('p1', 0, sample('old', 0), 1);
    buffer.add('p1', 5_000, sample('new', 5_000), 1);
    buffer.prune(5_500);
    expect(buffer.take('p1', 0)).toEqual([]);
    expect(buffer.take('p1', 5_000).map((s) => s.id)).toEqual(['new']);
  });
});
