/**
 * The one recipe of the shipped sentiment model: `npm run train:sentiment` trains it and `npm run bench:sentiment`
 * cross-validates it, so the figures in the README are those of the model that ships.
 */
import type { FeatureSpec } from '../src/core/sentiment/features.js';
import type { TrainingOptions } from '../src/core/sentiment/train.js';
import { loadPolarityLexicon } from '../src/models/sentiment.js';
import { MODEL_LANGUAGES, type SourceWeights } from './sentiment-data.js';

export interface Recipe {
  spec: FeatureSpec;
  epochs: number;
  learningRate: number;
  decay: number;
  seed: number;
  runs: number;
  clipQuantile: number;
  sources: SourceWeights;
  /** Languages of the polarity lexicon when `spec.polarityMarkers` (the shipped model uses LEXICON_LANGUAGES). */
  lexiconLanguages?: readonly string[];
}

export const SHIPPED_RECIPE: Recipe = {
  spec: { hashBits: 20, charMin: 2, charMax: 5, wordBigrams: true, conjoinWords: true, conjoinChars: false, polarityMarkers: true },
  epochs: 5,
  learningRate: 0.5,
  decay: 0.5,
  seed: 2026,
  runs: 3,
  clipQuantile: 0.9999,
  sources: { allocine: 0.5, binaryArabic: 1, umsab: 1 },
};

export function trainingOptions(recipe: Recipe): TrainingOptions {
  return {
    spec: recipe.spec,
    languages: MODEL_LANGUAGES,
    epochs: recipe.epochs,
    learningRate: recipe.learningRate,
    decay: recipe.decay,
    seed: recipe.seed,
    runs: recipe.runs,
    clipQuantile: recipe.clipQuantile,
    ...(recipe.spec.polarityMarkers ? { lexicon: loadPolarityLexicon(recipe.lexiconLanguages) } : {}),
  };
}
