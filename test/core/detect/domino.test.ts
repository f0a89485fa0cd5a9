import { describe, expect, it } from 'vitest';
import { assessStage, mergeSpread, velocityOf } from '../../../src/core/detect/domino.js';
import type { Sample } from '../../../src/core/incident/incident.js';
import type { SourceKind } from '../../../src/core/mention.js';

const NOW = Date.UTC(2026, 2, 3, 12);
let next = 0;
function sample(sourceKind: SourceKind, extra: Partial<Sample> = {}): Sample {
  next += 1;
  return {
    id: `m${next}`,
    sourceKind,
    url: `https://example.org/${sourceKind}/${next}`,
    author: `a${next}`,
    text: 'the app lost my order again',
    publishedAt: NOW - 10 * 60_000,
    sentiment: 'negative',
    confidence: 0.9,
    ...extra,
  };
}

function stageOf(samples: Sample[], engagementPerMinute = 0) {
  return assessStage({ samples, sources: mergeSpread([], samples), engagementPerMinute, now: NOW });
}

describe('domino staging', () => {
  it('stage 1: isolated complaints on one platform', () => {
    const result = stageOf([sample('x'), sample('x'), sample('bluesky')]);
    expect(result.stage).toBe(1);
    expect(result.reasons).toEqual([{ kind: 'isolated' }]);
    expect(result.channels).toEqual(['microblog']);
  });

  it('stage 2: one post going viral (engagement per minute) or a big account reposted', () => {
    const viral = sample('x', { metrics: { reposts: 300, likes: 400, replies: 50 } });
    expect(velocityOf(viral, NOW)).toBeCloseTo((400 + 600 + 50) / 10, 6);
    expect(stageOf([sample('x'), viral]).stage).toBe(2);
    const big = sample('mastodon', { metrics: { followers: 250_000, reposts: 1 }, publishedAt: NOW - 600 * 60_000 });
    const reach = stageOf([big]);
    expect(reach.stage).toBe(2);
    expect(reach.reasons[0]).toMatchObject({ kind: 'reach', followers: 250_000 });
    expect(stageOf([sample('x')], 45).reasons[0]).toMatchObject({ kind: 'viral-burst' });
  });

  it('stage 3: spreading from micro-blogs to forums and video', () => {
    const samples = [sample('x'), sample('x'), sample('reddit'), sample('reddit'), sample('youtube')];
    const result = stageOf(samples);
    expect(result.stage).toBe(3);
    expect(result.reasons[0]).toEqual({ kind: 'spread', channels: ['microblog', 'forum'] });
  });

  it('stage 4: news coverage or a petition, even from a link in an ordinary feed', () => {
    expect(stageOf([sample('x'), sample('gnews')]).stage).toBe(4);
    const petition = sample('rss', { url: 'https://www.change.org/p/boycott-acme' });
    const result = stageOf([sample('x'), petition]);
    expect(result.stage).toBe(4);
    expect(result.reasons[0]).toEqual({ kind: 'coverage', channels: ['petition'] });
  });

  it('keeps the first time each source kind was seen, in order of appearance', () => {
    const early = sample('reddit', { publishedAt: NOW - 90 * 60_000 });
    const spread = mergeSpread(mergeSpread([], [sample('x')]), [early, sample('x')]);
    expect(spread.map((s) => [s.kind, s.negative])).toEqual([
      ['reddit', 1],
      ['x', 2],
    ]);
  });
});

describe('a call to boycott', () => {
  it('is amplification when several posts rally behind a boycott hashtag, in any language', () => {
    const calls = [
      sample('x', { text: 'Done with them #BoycottAcme' }),
      sample('x', { text: 'on arrête #AcmeBoycott' }),
      sample('x', { text: 'خليه يريب #قاطعوا_أكمي' }),
    ];
    const result = stageOf(calls);
    expect(result.stage).toBe(2);
    expect(result.reasons).toContainEqual({ kind: 'campaign', posts: 3 });
    expect(stageOf([calls[0]!, sample('x')]).stage).toBe(1);
  });
});
