/**
 * Trains the hashed-feature multinomial logistic regression shipped as the sentiment model: averaged SGD over
 * class-balanced examples (balanced within each language, so a language's prior does not leak into the others),
 * in a seeded order, in float64, then quantised to int8. No I/O and no clock or Math.random: the same examples and
 * options give byte-identical weights.
 */
import { FeatureExtractor, type FeatureSpec } from './features.js';
import { LABELS, type SentimentModel } from './model.js';
import type { PolarityLexicon } from './polarity.js';
import { postTokens } from './post-tokens.js';
import type { SentimentLabel } from './types.js';

export interface TrainingExample {
  text: string;
  label: SentimentLabel;
  /** ISO 639-1 code of the language group the example trains. */
  lang: string;
  /** Relative weight of the example's source (1 by default), before class balancing. */
  weight?: number;
}

export interface TrainingOptions {
  spec: FeatureSpec;
  languages: string[];
  epochs: number;
  learningRate: number;
  /** Per-epoch learning-rate decay: rate = learningRate / (1 + decay * epoch). */
  decay: number;
  seed: number;
  /**
   * Runs over this many seeds (seed, seed + 1, …) whose averaged weights are shipped: for a linear model that is the
   * ensemble of the runs at the cost of one, and it smooths out the order-dependence of SGD.
   */
  runs?: number;
  /** |w| quantile mapped to int8 ±127; larger weights are clipped. */
  clipQuantile: number;
  /** Required when `spec.polarityMarkers` is set. */
  lexicon?: PolarityLexicon;
  /** Called after every epoch with the averaged float model, e.g. to print validation figures. */
  onEpoch?: (epoch: number, model: SentimentModel) => void;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every example tokenised and hashed once: SGD epochs, seeded runs and cross-validation folds then only index into
 * these arrays. Row r's bucket indices are `indices[offsets[r] .. offsets[r + 1])`.
 */
export interface FeatureMatrix {
  spec: FeatureSpec;
  languages: string[];
  offsets: Int32Array;
  indices: Int32Array;
  labels: Uint8Array;
  /** Language group of each row (what class balancing is done within). */
  langs: string[];
  /** Source weight of each row, before class balancing. */
  weights: Float64Array;
}

export function featurise(examples: readonly TrainingExample[], spec: FeatureSpec, languages: string[], lexicon?: PolarityLexicon): FeatureMatrix {
  if (spec.polarityMarkers && !lexicon) throw new Error('a spec with polarity markers needs the polarity lexicon');
  const extractor = new FeatureExtractor(spec);
  const offsets = new Int32Array(examples.length + 1);
  let indices = new Int32Array(Math.max(1024, examples.length * 256));
  let total = 0;
  for (const [r, e] of examples.entries()) {
    const n = extractor.extract(postTokens(e.text, spec.polarityMarkers ? lexicon : undefined), languages.indexOf(e.lang) + 1);
    if (total + n > indices.length) {
      const grown = new Int32Array(Math.max(indices.length * 2, total + n));
      grown.set(indices.subarray(0, total));
      indices = grown;
    }
    indices.set(extractor.indices.subarray(0, n), total);
    total += n;
    offsets[r + 1] = total;
  }
  return {
    spec,
    languages,
    offsets,
    indices: indices.slice(0, total),
    labels: Uint8Array.from(examples, (e) => LABELS.indexOf(e.label)),
    langs: examples.map((e) => e.lang),
    weights: Float64Array.from(examples, (e) => e.weight ?? 1),
  };
}

/** Class-balanced weight of each chosen row (balanced within its language group), mean 1 over the chosen rows. */
function balancedWeights(matrix: FeatureMatrix, rows: readonly number[]): Float64Array {
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    const c = counts.get(matrix.langs[r]!) ?? [0, 0, 0];
    c[matrix.labels[r]!]! += matrix.weights[r]!;
    counts.set(matrix.langs[r]!, c);
  }
  const out = new Float64Array(rows.length);
  let sum = 0;
  for (const [k, r] of rows.entries()) {
    const c = counts.get(matrix.langs[r]!)!;
    const present = c.filter((x) => x > 0).length;
    const total = c[0]! + c[1]! + c[2]!;
    out[k] = (matrix.weights[r]! * total) / (present * c[matrix.labels[r]!]!);
    sum += out[k]!;
  }
  const mean = sum / Math.max(1, rows.length);
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / mean;
  return out;
}

function averaged(w: Float64Array, u: Float64Array, steps: number): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i]! - u[i]! / steps;
  return out;
}

export function quantise(weights: Float64Array, clipQuantile: number): { scale: number; weights: Int8Array } {
  const magnitudes = Float64Array.from(weights, Math.abs).sort();
  const limit = magnitudes[Math.min(magnitudes.length - 1, Math.floor(clipQuantile * magnitudes.length))]! || 1;
  const scale = Math.fround(limit / 127);
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(weights[i]! / scale)));
  return { scale, weights: q };
}

/** A float model, for evaluation during training; `score` treats weights as int8 × scale, so scale 1 here. */
export interface FloatModel {
  spec: FeatureSpec;
  languages: string[];
  weights: Float64Array;
}

export function trainFloat(examples: readonly TrainingExample[], options: TrainingOptions): FloatModel {
  const matrix = featurise(examples, options.spec, options.languages, options.lexicon);
  return trainOnMatrix(matrix, Array.from(matrix.labels.keys()), options);
}

/** Averaged SGD on the given rows of a feature matrix (all of them when training the shipped model, a fold in CV). */
export function trainOnMatrix(matrix: FeatureMatrix, rows: readonly number[], options: TrainingOptions): FloatModel {
  const { spec, languages } = options;
  const weights = balancedWeights(matrix, rows);
  const size = (1 << spec.hashBits) * 3;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const { offsets, indices: idx, labels } = matrix;
  const random = seededRandom(options.seed);
  const order = Array.from(rows.keys());
  let steps = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.learningRate / (1 + options.decay * epoch);
    for (const k of order) {
      const row = rows[k]!;
      const from = offsets[row]!;
      const to = offsets[row + 1]!;
      const label = labels[row]!;
      const v = 1 / Math.sqrt(to - from);
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      for (let i = from; i < to; i++) {
        const b = idx[i]! * 3;
        z0 += w[b]!;
        z1 += w[b + 1]!;
        z2 += w[b + 2]!;
      }
      z0 *= v;
      z1 *= v;
      z2 *= v;
      const m = Math.max(z0, z1, z2);
      const e0 = Math.exp(z0 - m);
      const e1 = Math.exp(z1 - m);
      const e2 = Math.exp(z2 - m);
      const s = e0 + e1 + e2;
      const step = rate * weights[k]! * v;
      const g0 = (e0 / s - (label === 0 ? 1 : 0)) * step;
      const g1 = (e1 / s - (label === 1 ? 1 : 0)) * step;
      const g2 = (e2 / s - (label === 2 ? 1 : 0)) * step;
      for (let i = from; i < to; i++) {
        const b = idx[i]! * 3;
        w[b] = w[b]! - g0;
        w[b + 1] = w[b + 1]! - g1;
        w[b + 2] = w[b + 2]! - g2;
        u[b] = u[b]! - steps * g0;
        u[b + 1] = u[b + 1]! - steps * g1;
        u[b + 2] = u[b + 2]! - steps * g2;
      }
      steps++;
    }
    if (options.onEpoch) {
      const q = quantise(averaged(w, u, steps), options.clipQuantile);
      options.onEpoch(epoch + 1, { spec, languages, scale: q.scale, temperature: 1, weights: q.weights });
    }
  }
  return { spec, languages, weights: averaged(w, u, steps) };
}

/** The shipped model from a feature matrix: the average of `runs` seeded runs on the given rows, quantised. */
export function trainMatrixModel(matrix: FeatureMatrix, rows: readonly number[], options: TrainingOptions): SentimentModel {
  const runs = options.runs ?? 1;
  const sum = trainOnMatrix(matrix, rows, options).weights;
  for (let r = 1; r < runs; r++) {
    const next = trainOnMatrix(matrix, rows, { ...options, seed: options.seed + r }).weights;
    for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + next[i]!;
  }
  for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! / runs;
  const q = quantise(sum, options.clipQuantile);
  return { spec: options.spec, languages: options.languages, scale: q.scale, temperature: 1, weights: q.weights };
}

export function train(examples: readonly TrainingExample[], options: TrainingOptions): SentimentModel {
  const matrix = featurise(examples, options.spec, options.languages, options.lexicon);
  return trainMatrixModel(matrix, Array.from(matrix.labels.keys()), options);
}
