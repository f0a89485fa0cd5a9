import { describe, expect, it } from 'vitest';
import { normalisedScore, probationRows, scaledSigmoid, scoreFile, STANDARD_PROFILE, type Window } from '../../bench/nab/score.js';
import { loadCorpus, loadNab } from '../../bench/nab/dataset.js';
import { sharedData } from '../support/shared-data.js';

const ROWS = 2000;
const WINDOWS: Window[] = [
  [900, 999],
  [1500, 1599],
];
const zeros = (): number[] => new Array<number>(ROWS).fill(0);

describe('NAB scorer', () => {
  it('the perfect detector (first row of each window) scores 100, the null detector 0', () => {
    const perfect = zeros();
    for (const [start] of WINDOWS) perfect[start] = 1;
    const best = scoreFile(perfect, WINDOWS, 0.5);
    expect(best.raw).toBeCloseTo(2, 12);
    expect(normalisedScore([best])).toBeCloseTo(100, 10);
    const none = scoreFile(zeros(), WINDOWS, 0.5);
    expect(none.raw).toBe(-2);
    expect(normalisedScore([none])).toBe(0);
  });

  it('scores a small case computed by hand', () => {
    // Window [900, 999] (100 rows) hit at its middle row 949: p = -(999 - 949 + 1) / 100 = -0.51.
    // Window [1500, 1599] missed: -1. One false positive before any window (row 800): -0.11.
    // One false positive 50 rows after the first window (row 1049): p = 50 / 99.
    const scores = zeros();
    scores[949] = 0.7;
    scores[800] = 0.5;
    scores[1049] = 0.9;
    scores[950] = 0.9; // a second detection in the window adds nothing
    scores[100] = 1; // inside probation: ignored
    const result = scoreFile(scores, WINDOWS, 0.5);
    const tp = (2 / (1 + Math.exp(5 * -0.51)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
    const fpAfter = 0.11 * (2 / (1 + Math.exp((5 * 50) / 99)) - 1);
    expect(result.tpScore).toBeCloseTo(tp, 12);
    expect(result.fnScore).toBe(-1);
    expect(result.fpScore).toBeCloseTo(-0.11 + fpAfter, 12);
    expect(result.raw).toBeCloseTo(tp - 1 - 0.11 + fpAfter, 12);
    expect(result.falsePositiveRows).toBe(2);
    // Standard profile: normalised = 50 · (1 + raw / windows).
    expect(normalisedScore([result])).toBeCloseTo(50 * (1 + result.raw / 2), 10);
  });

  it("follows NAB's constants: probation, sigmoid ends, thresholds", () => {
    expect(probationRows(15902)).toBe(750);
    expect(probationRows(1000)).toBe(150);
    expect(scaledSigmoid(3.01)).toBe(-1);
    expect(scaledSigmoid(0)).toBe(0);
    const scores = zeros();
    scores[950] = 0.49;
    expect(scoreFile(scores, WINDOWS, 0.5).windowsHit).toBe(0);
    expect(scoreFile(scores, WINDOWS, 0.4, STANDARD_PROFILE).windowsHit).toBe(1);
  });

  const nab = sharedData('nab/windows.json');
  describe.skipIf(!nab.present)('with the shared NAB files', () => {
    it('reads the windows onto rows of each file', () => {
      const files = loadNab(nab.path.replace(/windows\.json$/, ''));
      expect(files).toHaveLength(5);
      for (const f of files) {
        expect(f.values).toHaveLength(f.timestamps.length);
        // Every realTweets file of NAB is labelled with at least one anomaly window.
        expect(f.windows.length).toBeGreaterThan(0);
        for (const [start, end] of f.windows) expect(end).toBeGreaterThan(start);
        expect(f.times).toHaveLength(f.values.length);
      }
    });
  });

  const corpus = sharedData('nab-corpus/windows.json');
  describe.skipIf(!corpus.present)('with the rest of the corpus', () => {
    it('reads its 48 series and 83 windows, each with its category and row interval', () => {
      const files = loadCorpus(corpus.path.replace(/windows\.json$/, ''));
      expect(files).toHaveLength(48);
      expect(files.reduce((n, f) => n + f.windows.length, 0)).toBe(83);
      for (const f of files) {
        expect(f.values.length).toBeGreaterThan(0);
        expect(f.values.every(Number.isFinite)).toBe(true);
        expect([5, 10, 30, 60].map((m) => m * 60_000)).toContain(f.intervalMs);
        expect(f.category).toMatch(/^(artificial|real)/);
      }
    });
  });
});
