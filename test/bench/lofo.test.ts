import { describe, expect, it } from 'vitest';
import { leaveOneFileOut } from '../../bench/nab/lofo.js';
import type { FileScore } from '../../bench/nab/score.js';

/** A file result with one window: hit with this much credit (tp in 0..1), or missed (tp undefined). */
function result(tp: number | undefined): FileScore {
  const hit = tp !== undefined;
  return {
    raw: hit ? tp : -1,
    tpScore: tp ?? 0,
    fpScore: 0,
    fnScore: hit ? 0 : -1,
    windowsHit: hit ? 1 : 0,
    windowsMissed: hit ? 0 : 1,
    falsePositiveRows: 0,
    nullScore: -1,
    perfectScore: 1,
  };
}

describe('leave-one-file-out', () => {
  it('chooses each fold on the other files only, and scores the held-out one', () => {
    // Candidate 0 hits files 0 and 1 and misses file 2; candidate 1 misses file 0, half-hits file 1, hits file 2.
    const grid = [
      [result(1), result(1), result(undefined)],
      [result(undefined), result(0.5), result(1)],
    ];
    const cv = leaveOneFileOut(grid);
    // Held out file 0: on files 1 and 2, candidate 1 scores 87.5 (raw 0.5 + 1) against 50 (1 − 1).
    // Held out file 1: on files 0 and 2 both score 50, and the first listed wins the tie.
    // Held out file 2: on files 0 and 1, candidate 0 scores 100 against 37.5.
    expect(cv.folds.map((f) => f.chosen)).toEqual([1, 0, 0]);
    expect(cv.folds.map((f) => f.trainScore)).toEqual([87.5, 50, 100]);
    // Normalised per file, 50 · (1 + raw): a full hit 100, a miss 0.
    expect(cv.folds.map((f) => f.score)).toEqual([0, 100, 0]);
    expect(cv.mean).toBeCloseTo(100 / 3, 10);
    expect(cv.worst).toBe(0);
  });

  it('refuses a grid it cannot cross-validate', () => {
    expect(() => leaveOneFileOut([])).toThrow();
    expect(() => leaveOneFileOut([[result(1)]])).toThrow();
  });
});
