import type { Sensitivity } from '../../src/core/plan.js';
import { SeriesScorer } from '../../src/core/detect/series.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../../src/core/incident/lifecycle.js';
import type { CorpusFile, NabFile } from './dataset.js';
import { type FileScore, scoreFile } from './score.js';

export const THRESHOLD = 0.5;

export interface RunOptions {
  bucketMs: number;
  sensitivity: Sensitivity;
  /** A chance-alarm budget instead of the sensitivity's (leave-one-file-out chooses it). */
  alpha?: number;
  gaps?: 'empty' | 'unobserved';
}

/** The rows' scores exactly as `vigie detect` writes them: the bot's detector and incident lifecycle, live. */
export function scoreRows(values: readonly number[], times: readonly number[], options: RunOptions): number[] {
  const scorer = new SeriesScorer({ ...options, resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs });
  return values.map((value, i) => scorer.push({ at: times[i]!, negative: value }).score);
}

export function scoreTweetFile(file: NabFile, options: RunOptions): FileScore {
  return scoreFile(scoreRows(file.values, file.times, options), file.windows, THRESHOLD);
}

/**
 * A series of the rest of the corpus as `vigie detect` would be run on it by someone who knows nothing of it but
 * its rows: buckets of its own median interval, a missing row read as a missing reading (not as zero), and its
 * values mapped onto counts from 0 to 1,000 with the file's own minimum and maximum — the two figures NAB gives
 * every detector (`inputMin`, `inputMax`) — since a count detector needs non-negative counts in some unit.
 */
export function scoreCorpusFile(file: CorpusFile, sensitivity: Sensitivity): FileScore {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of file.values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const counts = file.values.map((v) => ((v - min) / span) * 1000);
  return scoreFile(scoreRows(counts, file.times, { bucketMs: file.intervalMs, sensitivity, gaps: 'unobserved' }), file.windows, THRESHOLD);
}
