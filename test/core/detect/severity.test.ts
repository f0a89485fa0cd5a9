import { describe, expect, it } from 'vitest';
import { assessSeverity, levelOf, SEVERITY_WEIGHTS } from '../../../src/core/detect/severity.js';

describe('severity', () => {
  it('combines size, speed, reach and stage with its parts reported', () => {
    const s = assessSeverity({ negative: 1010, expectedNegative: 10, peakRatio: 32, engagement: 99_999, maxFollowers: 0, stage: 4 });
    expect(s.parts).toEqual({ size: 1, speed: 1, reach: 1, stage: 1 });
    expect(s.score).toBe(100);
    expect(s.level).toBe('critical');
    const weights = SEVERITY_WEIGHTS.size + SEVERITY_WEIGHTS.speed + SEVERITY_WEIGHTS.reach + SEVERITY_WEIGHTS.stage;
    expect(weights).toBeCloseTo(1, 12);
  });

  it('the same surge weighs more once it reaches the news', () => {
    const base = { negative: 40, expectedNegative: 10, peakRatio: 4, engagement: 20, maxFollowers: 500 };
    const small = assessSeverity({ ...base, stage: 1 });
    const news = assessSeverity({ ...base, stage: 4 });
    expect(small.level).toBe('medium');
    expect(news.level).toBe('high');
    expect(news.score - small.score).toBe(30);
    expect(small.parts.size).toBeCloseTo(Math.log10(31) / 3, 12);
  });

  it('maps scores to levels at 25, 50 and 75', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(levelOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});

describe('severity with an unknown reach', () => {
  it('leaves reach out instead of counting it as nobody: ×65 and a boycott hashtag from feeds without metrics is not "medium"', () => {
    const storm = { negative: 65, expectedNegative: 1, peakRatio: 65, engagement: 0, maxFollowers: 0 };
    const unknown = assessSeverity({ ...storm, stage: 2 });
    expect(unknown.reachUnknown).toBe(true);
    expect(unknown.level).toBe('high');
    // The same storm whose sources did report a (small) reach keeps reach in the score.
    const known = assessSeverity({ ...storm, engagement: 3, stage: 2 });
    expect(known.reachUnknown).toBeUndefined();
    expect(known.parts.reach).toBeGreaterThan(0);
    // Leaving reach out never scores below counting it as zero.
    for (const stage of [1, 2, 3, 4] as const) {
      const withZero = Math.round(100 * (0.3 * unknown.parts.size + 0.2 * unknown.parts.speed + 0.3 * ((stage - 1) / 3)));
      expect(assessSeverity({ ...storm, stage }).score).toBeGreaterThan(withZero);
    }
  });
});
