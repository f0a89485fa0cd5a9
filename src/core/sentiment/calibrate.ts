/**
 * Softmax temperature chosen on held-out data so that `confidence` means what it says (argmax is unchanged).
 * Grid search on log-likelihood: one parameter, a few hundred examples, no need for anything cleverer.
 */
import { FeatureExtractor } from './features.js';
import { LABELS, type SentimentModel } from './model.js';
import type { SentimentLabel } from './types.js';

export interface CalibrationExample {
  tokens: readonly string[];
  lang: string;
  label: SentimentLabel;
}

export function fitTemperature(model: SentimentModel, examples: readonly CalibrationExample[]): number {
  const extractor = new FeatureExtractor(model.spec);
  const logits = examples.map((e) => {
    const n = extractor.extract(e.tokens, model.languages.indexOf(e.lang) + 1);
    const sums = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const b = extractor.indices[i]! * 3;
      for (let c = 0; c < 3; c++) sums[c]! += model.weights[b + c]!;
    }
    return sums.map((s) => (s * model.scale) / Math.sqrt(n));
  });
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 4.0001; t += 0.05) {
    let loss = 0;
    logits.forEach((z, i) => {
      const m = Math.max(...z);
      const denominator = z.reduce((s, x) => s + Math.exp((x - m) / t), 0);
      loss -= (z[LABELS.indexOf(examples[i]!.label)]! - m) / t - Math.log(denominator);
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return Math.fround(Math.round(best * 100) / 100);
}
