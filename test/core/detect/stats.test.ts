import { describe, expect, it } from 'vitest';
import { binomialTail, logGamma, negBinomialTail, poissonTail } from '../../../src/core/detect/stats.js';

function poissonPmf(k: number, mean: number): number {
  return Math.exp(k * Math.log(mean) - mean - logGamma(k + 1));
}

function nbPmf(k: number, mean: number, kappa: number): number {
  const r = 1 / kappa;
  const p = r / (r + mean);
  return Math.exp(logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * Math.log(p) + k * Math.log(1 - p));
}

const upperSum = (pmf: (k: number) => number, from: number): number => {
  let below = 0;
  for (let k = 0; k < from; k++) below += pmf(k);
  return 1 - below;
};

describe('count tails', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('Poisson tail equals the summed probabilities', () => {
    for (const [k, mean] of [
      [3, 1],
      [10, 4.5],
      [30, 12],
      [1, 0.2],
    ] as const) {
      expect(poissonTail(k, mean)).toBeCloseTo(
        upperSum((i) => poissonPmf(i, mean), k),
        10,
      );
    }
    expect(poissonTail(0, 3)).toBe(1);
  });

  it('0 → 3 is not surprising for a brand expecting one post, 0 → 12 is', () => {
    expect(poissonTail(3, 1)).toBeGreaterThan(0.05);
    expect(poissonTail(12, 1)).toBeLessThan(1e-8);
  });

  it('negative-binomial tail equals the summed probabilities and is heavier than Poisson', () => {
    for (const [k, mean, kappa] of [
      [5, 2, 0.5],
      [40, 15, 0.2],
      [100, 20, 1],
    ] as const) {
      expect(negBinomialTail(k, mean, kappa)).toBeCloseTo(
        upperSum((i) => nbPmf(i, mean, kappa), k),
        9,
      );
      expect(negBinomialTail(k, mean, kappa)).toBeGreaterThan(poissonTail(k, mean));
    }
    expect(negBinomialTail(40, 15, 1e-12)).toBeCloseTo(poissonTail(40, 15), 12);
  });

  it('binomial tail equals the summed probabilities', () => {
    const n = 20;
    const p = 0.1;
    let choose = 1;
    const pmf: number[] = [];
    for (let k = 0; k <= n; k++) {
      pmf.push(choose * p ** k * (1 - p) ** (n - k));
      choose = (choose * (n - k)) / (k + 1);
    }
    const tail = (k: number): number => pmf.slice(k).reduce((a, b) => a + b, 0);
    expect(binomialTail(5, n, p)).toBeCloseTo(tail(5), 12);
    expect(binomialTail(0, n, p)).toBe(1);
    expect(binomialTail(21, n, p)).toBe(0);
  });
});
