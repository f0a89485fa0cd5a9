import { describe, expect, it } from 'vitest';
import { BUCKET_MS, overdispersed, perDay, poisson, random, rhythm, run } from './synthetic.js';

const alertsIn = (decisions: { alert: boolean }[], from = 0, to = decisions.length): number =>
  decisions.slice(from, to).filter((d) => d.alert).length;

describe('detector tail calibration', () => {
  it('stays quiet on four weeks of overdispersed counts with a daily and weekly rhythm, at normal and low', () => {
    const series = (): ((i: number, start: number) => { negative: number }) => {
      const rand = random(21);
      return (_, start) => ({ negative: overdispersed(30 * rhythm(start), 0.15, rand) });
    };
    for (const sensitivity of ['normal', 'low'] as const) {
      const { decisions } = run(28 * perDay, series(), { sensitivity });
      expect(decisions.length).toBe(28 * perDay);
      // After the first week (profiles learnt), three weeks without an alert.
      expect(alertsIn(decisions, 7 * perDay)).toBe(0);
    }
  });

  it('asks a brand with frequent bursts for a bigger one than a brand without', () => {
    // Two brands with the same volume; one has a five-fold, 5-minute burst twice a day (a retweet wave, a bot).
    const calm = (seed: number) => {
      const rand = random(seed);
      return (_: number, start: number) => ({ negative: poisson(20 * rhythm(start), rand) });
    };
    const bursty = (seed: number) => {
      const rand = random(seed);
      return (i: number, start: number) => ({ negative: poisson(20 * rhythm(start) * (i % 144 === 70 ? 5 : 1), rand) });
    };
    const quiet = run(21 * perDay, calm(22));
    const noisy = run(21 * perDay, bursty(22));
    // The same seven-fold burst in the next 5 minutes, at the same hour.
    const burst = (state: typeof quiet.state) => {
      const rand = random(23);
      return run(1, (_, start) => ({ negative: poisson(7 * 20 * rhythm(start), rand) }), {}, structuredClone(state));
    };
    const onQuiet = burst(quiet.state).decisions[0]!;
    const onNoisy = burst(noisy.state).decisions[0]!;
    expect(onQuiet.alert).toBe(true);
    expect(onNoisy.alert).toBe(false);
    // Both explain the 5-minute window; the bursty brand's calibrated tail is far less extreme for the same ratio.
    expect(onNoisy.explanation.tailProbability).toBeGreaterThan(100 * onQuiet.explanation.tailProbability);
  });

  it("keeps a quiet brand's long windows quiet: 6 negatives in 2 hours against about 1 is noise", () => {
    const rand = random(24);
    const quiet = run(7 * perDay, () => ({ negative: poisson(0.05, rand) }));
    expect(alertsIn(quiet.decisions, perDay)).toBe(0);
    // One negative post every 20 minutes for two hours: six in all.
    const trickle = run(24, (i) => ({ negative: i % 4 === 0 ? 1 : 0 }), { sensitivity: 'high' }, quiet.state);
    expect(alertsIn(trickle.decisions)).toBe(0);
    // Twenty in the next 15 minutes is a storm, even for a quiet brand.
    const storm = run(3, () => ({ negative: 7 }), {}, trickle.state);
    expect(alertsIn(storm.decisions)).toBeGreaterThan(0);
  });

  it('reports the window, the calibrated tail and the threshold it was compared with', () => {
    const rand = random(25);
    const base = run(14 * perDay, (_, start) => ({ negative: poisson(15 * rhythm(start), rand) }));
    const spike = run(2, () => ({ negative: 200 }), {}, base.state);
    const alert = spike.decisions.find((d) => d.alert)!;
    expect(alert.explanation.tailProbability).toBeLessThanOrEqual(alert.explanation.threshold);
    // The 5-minute window's threshold is the strictest: 1e-3 / 5 tests at normal sensitivity.
    expect(alert.explanation.windowMs).toBe(BUCKET_MS);
    expect(alert.explanation.threshold).toBeCloseTo(2e-4, 10);
  });
});
