import type { NabFile } from '../nab/dataset.js';
import { binomial, poisson, uniform } from './random.js';

/**
 * Semi-synthetic brands: the real tweet-volume files of `../shared/data/nab`, brought to another volume while
 * keeping their rhythm and their own bursts. A file is thinned (each mention kept with probability p) to a lower
 * volume, or scaled up with Poisson noise (a bigger brand with the same relative swings) when its median is at
 * least `MIN_MEDIAN_TO_SCALE_UP` — below that, scaling up would turn its small counts into a staircase. A fixed
 * share of the mentions is negative, drawn per mention.
 */

/** Median mentions per 5-minute bucket of the brands measured; 0 stands for a quiet brand (see `QUIET_MEAN`). */
export const LEVELS = [0, 1, 5, 20, 100, 500] as const;
/** Mean mentions per bucket of the quiet brand (median 0): the quietest shared file's own (CVS, 0.4). */
export const QUIET_MEAN = 0.4;
export const NEGATIVE_SHARE = 0.3;
const MIN_MEDIAN_TO_SCALE_UP = 10;
/** The half-width of the centred mean that sets the usual rate an event multiplies (3 h each side). */
const RATE_HALF_WIDTH = 36;

export interface Brand {
  file: string;
  level: number;
  total: number[];
  negative: number[];
  /** The usual negatives per bucket around each bucket (a centred 6-hour mean): what an event multiplies. */
  usual: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The file as a brand of this level, or undefined when the file cannot honestly be brought there. */
export function brandOf(file: NabFile, level: number, seed: number): Brand | undefined {
  const rand = uniform(seed);
  const fileMedian = median(file.values);
  const fileMean = file.values.reduce((a, b) => a + b, 0) / file.values.length;
  const factor = level === 0 ? QUIET_MEAN / fileMean : fileMedian > 0 ? level / fileMedian : Number.POSITIVE_INFINITY;
  if (factor > 1 && fileMedian < MIN_MEDIAN_TO_SCALE_UP) return undefined;
  const total = file.values.map((v) => (factor <= 1 ? binomial(v, factor, rand) : poisson(v * factor, rand)));
  const negative = total.map((t) => binomial(t, NEGATIVE_SHARE, rand));
  const usual = new Array<number>(total.length);
  let sum = 0;
  let count = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < total.length; i++) {
    while (hi < Math.min(total.length - 1, i + RATE_HALF_WIDTH)) sum += total[++hi]!;
    while (lo < i - RATE_HALF_WIDTH) sum -= total[lo++]!;
    count = hi - lo + 1;
    usual[i] = (NEGATIVE_SHARE * sum) / count;
  }
  return { file: file.name, level, total, negative, usual };
}
