import { type FileScore, normalisedScore } from './score.js';

/** One fold: the file held out, the candidate chosen on the others, and what it scores on the held-out file. */
export interface Fold {
  held: number;
  chosen: number;
  /** Normalised score of the chosen candidate on the held-out file alone. */
  score: number;
  /** Its normalised score on the files it was chosen on. */
  trainScore: number;
}

export interface CrossValidation {
  folds: Fold[];
  mean: number;
  worst: number;
}

/**
 * Leave-one-file-out: `grid[c][f]` is candidate c's result on file f. For each file, the candidate with the best
 * pooled normalised score on the other files (NAB's own rule: one setting for all files; the first listed wins a
 * tie) is scored on the held-out file. Every choice is thus made without the file it is scored on.
 */
export function leaveOneFileOut(grid: readonly (readonly FileScore[])[]): CrossValidation {
  const files = grid[0]?.length ?? 0;
  if (grid.length === 0 || files < 2) throw new Error('leave-one-file-out needs at least one candidate and two files');
  const folds: Fold[] = [];
  for (let held = 0; held < files; held++) {
    let chosen = 0;
    let trainScore = Number.NEGATIVE_INFINITY;
    grid.forEach((results, c) => {
      const score = normalisedScore(results.filter((_, f) => f !== held));
      if (score > trainScore + 1e-9) {
        trainScore = score;
        chosen = c;
      }
    });
    folds.push({ held, chosen, score: normalisedScore([grid[chosen]![held]!]), trainScore });
  }
  const scores = folds.map((f) => f.score);
  return { folds, mean: scores.reduce((a, b) => a + b, 0) / files, worst: Math.min(...scores) };
}
