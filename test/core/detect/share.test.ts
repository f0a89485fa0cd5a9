import { describe, expect, it } from 'vitest';
import { perDay, poisson, random, run } from './synthetic.js';

/** Buckets of about 100 mentions of which a `share` are negative. */
function mentions(share: number, rand: () => number): () => { negative: number; total: number } {
  return () => {
    const total = poisson(100, rand);
    let negative = 0;
    for (let i = 0; i < total; i++) if (rand() < share) negative++;
    return { negative, total };
  };
}

describe('detector share baseline', () => {
  it('keeps learning a share it first learnt far too low, instead of alerting for ever', () => {
    const rand = random(51);
    // A first day at 5 % negative, then a lasting 30 %: at first a change, within a few days the new normal.
    const first = run(perDay, mentions(0.05, rand));
    const after = run(6 * perDay, mentions(0.3, rand), {}, first.state);
    const lastDays = after.decisions.slice(3 * perDay);
    expect(lastDays.length).toBeGreaterThan(0);
    expect(lastDays.filter((d) => d.alert)).toHaveLength(0);
    expect(lastDays.filter((d) => d.nearBaseline).length).toBeGreaterThan(0.9 * lastDays.length);
    expect(after.state.share[0] / after.state.share[1]).toBeGreaterThan(0.25);
  });

  it('learns a share from buckets that start without a single negative', () => {
    const rand = random(52);
    const none = run(6, () => ({ negative: 0, total: 50 }));
    const later = run(3 * perDay, mentions(0.3, rand), {}, none.state);
    const share = later.state.share[0] / later.state.share[1];
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});

describe('detector share test beside the volume tests', () => {
  it('explains a storm that raises both volume and share in negative posts', () => {
    const rand = random(54);
    // A quiet brand: a post every 12 minutes, one in five negative; then 45 angry posts in 25 minutes.
    const calm = run(3 * perDay, () => {
      const total = poisson(5 / 12, rand);
      let negative = 0;
      for (let i = 0; i < total; i++) if (rand() < 0.2) negative++;
      return { negative, total };
    });
    const storm = run(5, () => ({ negative: 9, total: 9 }), {}, calm.state);
    const alerts = storm.decisions.filter((d) => d.alert);
    expect(alerts.length).toBeGreaterThan(0);
    for (const d of alerts) {
      expect(d.explanation.metric).toBe('negative');
      expect(d.score).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('detector share test on a bare count series', () => {
  it('stays off when every mention counts as negative (vigie detect on NAB files)', () => {
    const rand = random(53);
    const { decisions, state } = run(4 * perDay, (i) => {
      const negative = poisson(30, rand) + (i === 3 * perDay ? 300 : 0);
      return { negative, total: negative };
    });
    expect(state.share[0] / state.share[1]).toBe(1);
    expect(decisions.some((d) => d.alert)).toBe(true);
    expect(decisions.every((d) => d.explanation.metric === 'negative')).toBe(true);
  });
});
