/**
 * NAB scoring (Numenta Anomaly Benchmark, `nab/scorer.py`), re-implemented from its published rules:
 * probation, label windows, the scaled sigmoid that rewards early detections and forgives detections just
 * after a window, and the normalisation between the null and the perfect detector.
 */

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export const STANDARD_PROFILE: CostMatrix = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

/** Inclusive row indices of one labelled anomaly window. */
export type Window = readonly [start: number, end: number];

export interface FileScore {
  raw: number;
  /** Credit of the windows hit, cost of the false positives, cost of the missed windows. */
  tpScore: number;
  fpScore: number;
  fnScore: number;
  windowsHit: number;
  windowsMissed: number;
  falsePositiveRows: number;
  /** What the null detector (never fires) and the perfect one (fires on each window's first row) score. */
  nullScore: number;
  perfectScore: number;
}

/** Rows not scored at the start of a file. */
export function probationRows(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** S(p) = 2 / (1 + e^{5p}) − 1, and −1 beyond three window lengths after a window. */
export function scaledSigmoid(position: number): number {
  if (position > 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** Score one file: a row is a detection when its score is at or above the threshold. */
export function scoreFile(
  scores: readonly number[],
  windows: readonly Window[],
  threshold: number,
  cost: CostMatrix = STANDARD_PROFILE,
  probation: number = probationRows(scores.length),
): FileScore {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const inWindow = new Int32Array(scores.length).fill(-1);
  sorted.forEach(([start, end], w) => {
    for (let i = Math.max(0, start); i <= Math.min(end, scores.length - 1); i++) inWindow[i] = w;
  });
  const maxTp = scaledSigmoid(-1);
  let tpScore = 0;
  let fnScore = 0;
  let windowsHit = 0;
  sorted.forEach(([start, end]) => {
    let first = -1;
    for (let i = Math.max(start, probation); i <= end && i < scores.length; i++) {
      if (scores[i]! >= threshold) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      fnScore -= cost.fnWeight;
      return;
    }
    windowsHit += 1;
    const position = -(end - first + 1) / (end - start + 1);
    tpScore += (scaledSigmoid(position) * cost.tpWeight) / maxTp;
  });

  let fpScore = 0;
  let falsePositiveRows = 0;
  let preceding = -1;
  for (let i = probation; i < scores.length; i++) {
    while (preceding + 1 < sorted.length && sorted[preceding + 1]![1] < i) preceding += 1;
    if (inWindow[i]! >= 0 || scores[i]! < threshold) continue;
    falsePositiveRows += 1;
    if (preceding < 0) {
      fpScore -= cost.fpWeight;
    } else {
      const [start, end] = sorted[preceding]!;
      fpScore += scaledSigmoid((i - end) / (end - start)) * cost.fpWeight;
    }
  }
  return {
    raw: tpScore + fpScore + fnScore,
    tpScore,
    fpScore,
    fnScore,
    windowsHit,
    windowsMissed: sorted.length - windowsHit,
    falsePositiveRows,
    nullScore: -cost.fnWeight * sorted.length,
    perfectScore: cost.tpWeight * sorted.length,
  };
}

/** 100 · (raw − null) / (perfect − null), each summed over the files. */
export function normalisedScore(files: readonly FileScore[]): number {
  let raw = 0;
  let nul = 0;
  let perfect = 0;
  for (const f of files) {
    raw += f.raw;
    nul += f.nullScore;
    perfect += f.perfectScore;
  }
  return perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
}
