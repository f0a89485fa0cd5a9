/**
 * Cross-validation of the sentiment recipe on the pooled corpora: k-fold CV, and leave-one-corpus-out (LOCO), the
 * figure that resembles an unseen test from another period and topic. Each round trains the recipe on every row
 * but the held-out ones (all languages together, as the shipped model is trained) and scores the held-out rows through
 * the shipped code path: quantised weights → encoded file → `loadClassifier` → `classify(text, lang)`.
 */
import { loadClassifier } from '../src/core/sentiment/classify.js';
import { LABELS, encodeModel } from '../src/core/sentiment/model.js';
import { featurise, seededRandom, trainMatrixModel, type FeatureMatrix } from '../src/core/sentiment/train.js';
import type { SentimentLabel, SentimentResult } from '../src/core/sentiment/types.js';
import { loadPolarityLexicon } from '../src/models/sentiment.js';
import { MODEL_LANGUAGES, SCORED_LANGUAGES, topicGroups, type PoolRow } from './sentiment-data.js';
import { trainingOptions, type Recipe } from './sentiment-recipe.js';

export interface Round {
  kind: 'cv' | 'loco';
  name: string;
  /** Row indices left out of training and scored. */
  heldOut: number[];
  /** Which unit each held-out row belongs to, for per-unit figures (fold number or corpus name). */
  unitOf: (row: number) => string;
}

export const TOPIC_GROUPS = 5;

/** k folds, each holding out a seeded 1/k of every scored language (other languages always train). */
export function foldRounds(pool: readonly PoolRow[], k: number, seed: number): Round[] {
  const random = seededRandom(seed);
  const fold = new Int32Array(pool.length).fill(-1);
  for (const lang of SCORED_LANGUAGES) {
    const rows = pool.flatMap((r, i) => (r.lang === lang ? [i] : []));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((row, i) => {
      fold[row] = i % k;
    });
  }
  return Array.from({ length: k }, (_, f) => ({
    kind: 'cv' as const,
    name: `fold ${f + 1}/${k}`,
    heldOut: pool.flatMap((_, i) => (fold[i] === f ? [i] : [])),
    unitOf: () => `fold ${f + 1}`,
  }));
}

/**
 * The unit left out for each row: its corpus, except English (one corpus) whose unit is a topic group. A corpus
 * spanning two languages (MAC: MSA and Darija) is left out whole in one round.
 */
export function corpusUnits(pool: readonly PoolRow[]): string[] {
  const english = pool.flatMap((r, i) => (r.lang === 'en' ? [i] : []));
  const groups = topicGroups(
    english.map((i) => pool[i]!.text),
    TOPIC_GROUPS,
  );
  const units = pool.map((r) => r.corpus);
  english.forEach((row, k) => {
    units[row] = `en-topics-${groups[k]! + 1}`;
  });
  return units;
}

/** Round r leaves out the r-th unit of every scored language at once (MAC first, so both its halves go together). */
export function corpusRounds(pool: readonly PoolRow[]): Round[] {
  const units = corpusUnits(pool);
  const perLanguage = SCORED_LANGUAGES.map((lang) => {
    const names = [...new Set(pool.flatMap((r, i) => (r.lang === lang ? [units[i]!] : [])))];
    return names.sort((a, b) => (a === 'mac' ? -1 : b === 'mac' ? 1 : a.localeCompare(b)));
  });
  const count = Math.max(...perLanguage.map((names) => names.length));
  const rounds: Round[] = [];
  for (let r = 0; r < count; r++) {
    const out = new Set(perLanguage.flatMap((names) => (names[r] ? [names[r]] : [])));
    rounds.push({
      kind: 'loco',
      name: [...out].join(' + '),
      heldOut: pool.flatMap((row, i) => (out.has(units[i]!) && SCORED_LANGUAGES.includes(row.lang as never) ? [i] : [])),
      unitOf: (row) => units[row]!,
    });
  }
  return rounds;
}

/** The pool's feature matrix, built once for every round (rows train their model group's slot). */
export function poolMatrix(pool: readonly PoolRow[], recipe: Recipe): FeatureMatrix {
  return featurise(
    pool.map((r) => ({ text: r.text, label: r.label, lang: r.group, weight: r.weight })),
    recipe.spec,
    MODEL_LANGUAGES,
    loadPolarityLexicon(recipe.lexiconLanguages),
  );
}

/** Trains on every row outside the round and classifies the held-out rows, language given. */
export function runRound(pool: readonly PoolRow[], matrix: FeatureMatrix, round: Round, recipe: Recipe): Map<number, SentimentResult> {
  const out = new Set(round.heldOut);
  const rows = pool.flatMap((_, i) => (out.has(i) ? [] : [i]));
  const model = trainMatrixModel(matrix, rows, trainingOptions(recipe));
  const classifier = loadClassifier(encodeModel(model), { detectLanguage: () => 'und', lexicon: loadPolarityLexicon(recipe.lexiconLanguages) });
  return new Map(round.heldOut.map((i) => [i, classifier.classify(pool[i]!.text, pool[i]!.lang)]));
}

/**
 * Prior-shift correction (Saerens, Latinne & Decaestecker 2002), measured here and not shipped: EM re-estimates a
 * batch's class priors from the model's posteriors and rescales them by new prior / training prior. It needs a batch
 * (it could only serve `vigie classify` on a file: on the live stream a rise of negative posts is the signal itself),
 * and it targets accuracy, while the held-out tests are scored by macro-averages, which the class-balanced model
 * (uniform training priors) already targets: on every left-out corpus it lowered the mean.
 */
export interface PriorShift {
  /** Estimated class priors of the batch. */
  priors: number[];
  /** Adjusted posteriors, one row per post. */
  posteriors: number[][];
  iterations: number;
}

export function adaptPriors(
  posteriors: readonly (readonly number[])[],
  trainingPriors: readonly number[],
  maxIterations = 100,
  tolerance = 1e-6,
): PriorShift {
  const k = trainingPriors.length;
  let priors = [...trainingPriors];
  let adjusted = posteriors.map((p) => [...p]);
  if (posteriors.length === 0) return { priors, posteriors: adjusted, iterations: 0 };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    adjusted = posteriors.map((p) => {
      const row = p.map((x, c) => (x * priors[c]!) / trainingPriors[c]!);
      const sum = row.reduce((s, x) => s + x, 0) || 1;
      return row.map((x) => x / sum);
    });
    const next = Array.from({ length: k }, (_, c) => adjusted.reduce((s, row) => s + row[c]!, 0) / adjusted.length);
    const change = next.reduce((s, x, c) => s + Math.abs(x - priors[c]!), 0);
    priors = next;
    if (change < tolerance) break;
  }
  return { priors, posteriors: adjusted, iterations };
}

/** Labels after EM prior-shift correction of a batch; training priors are uniform. */
export function priorAdjusted(results: readonly SentimentResult[]): SentimentLabel[] {
  const uniform = LABELS.map(() => 1 / LABELS.length);
  const { posteriors } = adaptPriors(
    results.map((r) => r.probabilities ?? uniform),
    uniform,
  );
  return posteriors.map((p) => LABELS[p.indexOf(Math.max(...p))]!);
}
