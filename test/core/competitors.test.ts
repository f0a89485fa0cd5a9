import { describe, expect, it } from 'vitest';
import { competitorKey, competitorsOf, shareOfVoice } from '../../src/core/competitors.js';
import { formatQuery } from '../../src/core/query/format.js';

describe('competitors of a plan', () => {
  it('are the top-level alternatives of the competitor query, named by their first word or phrase', () => {
    const competitors = competitorsOf('Globex OR "Initech Air" OR (Umbrella -movie)');
    expect(competitors.map((c) => c.name)).toEqual(['Globex', 'Initech Air', 'Umbrella']);
    expect(formatQuery(competitors[2]!.queries[0]!)).toBe('Umbrella -movie');
  });

  it('merge alternatives that name the same competitor, and apply exclusions around the OR to each', () => {
    const competitors = competitorsOf('(Globex OR @globex OR #Globex OR Initech) -job lang:fr');
    expect(competitors.map((c) => c.name)).toEqual(['Globex', 'Initech']);
    expect(competitors[0]!.queries.map(formatQuery)).toEqual(['Globex -job lang:fr', '@globex -job lang:fr', '#Globex -job lang:fr']);
    expect(competitors[1]!.queries.map(formatQuery)).toEqual(['Initech -job lang:fr']);
  });

  it('is one competitor for a query without a top-level OR, and none without a query', () => {
    expect(competitorsOf('"Royal Air Maroc" -job').map((c) => c.name)).toEqual(['Royal Air Maroc']);
    expect(competitorsOf(undefined)).toEqual([]);
    expect(competitorsOf('(unclosed')).toEqual([]);
  });

  it('are stored under the plan’s key, so that removing the plan removes them', () => {
    expect(competitorKey('p1', 'Initech Air')).toBe('p1|competitor|initech air');
  });
});

describe('share of voice', () => {
  const b = (total: number, negative: number) => ({ start: 0, total, negative, engagement: 0 });

  it('puts the brand beside each competitor: volume, share of all mentions, negative share', () => {
    const voice = shareOfVoice(
      [b(30, 3), b(10, 1)],
      [
        { name: 'Globex', buckets: [b(50, 40)] },
        { name: 'Initech', buckets: [] },
      ],
    );
    expect(voice).toEqual([
      { name: 'brand', role: 'brand', total: 40, negative: 4, share: 40 / 90, negativeShare: 0.1 },
      { name: 'Globex', role: 'competitor', total: 50, negative: 40, share: 50 / 90, negativeShare: 0.8 },
      { name: 'Initech', role: 'competitor', total: 0, negative: 0, share: 0, negativeShare: 0 },
    ]);
  });

  it('is all zeros when nothing was counted', () => {
    expect(shareOfVoice([], [{ name: 'Globex', buckets: [] }]).map((v) => v.share)).toEqual([0, 0]);
  });
});
