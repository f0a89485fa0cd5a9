/**
 * Learns the English word lexicon that complements the curated cues: a multinomial logistic regression over the
 * words and word pairs of the shared half of the airline tweets, with the curated cue scores as a fixed offset, so
 * the learned weights only correct what the hand-written cues miss. Every weight is printable; nothing is opaque.
 * Reports a 5-fold cross-validated macro-F1 (each tweet scored by a model that never saw it) before fitting on the
 * whole half. `npx tsx bench/fit-categorize.ts` prints; `--write` rewrites src/core/respond/cues/en-learned.ts.
 * Hyper-parameters can be tried with `--l2 x --epochs n --balance x --offset x --cue-scale x`; the defaults are the
 * best 5-fold figures found (0.70–0.72 across settings: the choice matters little).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { categorizeText } from '../src/core/respond/categorize.js';
import { compileLexicon, findCues, wordFeatures, type LearnedLexicon } from '../src/core/respond/lexicon.js';
import { en } from '../src/core/respond/cues/en.js';
import { fr } from '../src/core/respond/cues/fr.js';
import { ar } from '../src/core/respond/cues/ar.js';
import { tokenize } from '../src/core/respond/tokens.js';
import type { CategoryId } from '../src/core/respond/types.js';
import { DATA_FILE, REASON_TO_CATEGORY, SCORED, formatScore, score } from './airline-categories.js';

// Besides the five scored reasons, booking problems teach billing_pricing ("booking or payment problems").
const TRAINING_REASONS: Record<string, CategoryId> = { ...REASON_TO_CATEGORY, 'Flight Booking Problems': 'billing_pricing' };
const CLASSES: CategoryId[] = [...SCORED, 'billing_pricing'];
const FOLDS = 5;
const LEARNING_RATE = 0.05;
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const L2 = arg('l2', 3e-3);
const EPOCHS = arg('epochs', 150);
/** Rarer classes weigh more (frequency^-BALANCE): macro-F1 values each category the same. */
const BALANCE = arg('balance', 0.5);
/**
 * Cues count at half weight while fitting and at full weight (CUE_SCALE) when categorising: the learned words then
 * refine the curated cues without overruling them, which cross-validated best.
 */
const OFFSET = arg('offset', 0.5);
const CUE_SCALE = arg('cue-scale', 1);
/** Words seen fewer times than this in the training folds get no weight. */
const MIN_COUNT = 3;
/** Weights smaller than this are dropped from the written lexicon. */
const KEEP = 0.05;

interface Example {
  id: string;
  text: string;
  gold: CategoryId;
  features: string[];
  /** Curated cue score per class, the fixed offset. */
  offset: number[];
}

function fold(id: string): number {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % FOLDS;
}

const curated = compileLexicon({ en });

export function load(): Example[] {
  const out: Example[] = [];
  for (const line of readFileSync(DATA_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; sentiment: string; negativereason: string | null; text: string };
    const gold = row.sentiment === 'negative' && row.negativereason ? TRAINING_REASONS[row.negativereason] : undefined;
    if (!gold) continue;
    const tokens = tokenize(row.text);
    const offset = CLASSES.map(() => 0);
    for (const hit of findCues(curated.cues, tokens)) {
      const c = CLASSES.indexOf(hit.cue.category);
      if (c >= 0) offset[c]! += hit.cue.weight * OFFSET;
    }
    out.push({ id: row.id, text: row.text, gold, features: [...new Set(wordFeatures(tokens).map((f) => f.key))], offset });
  }
  return out;
}

export function fit(examples: Example[]): LearnedLexicon {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const K = CLASSES.length;
  const W = new Float64Array(vocab.length * K);
  const b = new Float64Array(K);
  const mW = new Float64Array(W.length),
    vW = new Float64Array(W.length),
    mB = new Float64Array(K),
    vB = new Float64Array(K);
  const freq = CLASSES.map((c) => examples.filter((ex) => ex.gold === c).length);
  const classWeight = freq.map((n) => (Math.max(...freq) / Math.max(1, n)) ** BALANCE);
  const rows = examples.map((ex) => ({
    f: ex.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: CLASSES.indexOf(ex.gold),
    offset: ex.offset,
  }));
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const gW = new Float64Array(W.length);
    const gB = new Float64Array(K);
    for (const row of rows) {
      const logits = row.offset.map((o, c) => o + b[c]! + row.f.reduce((s, i) => s + W[i * K + c]!, 0));
      const max = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - max));
      const z = exps.reduce((s, e) => s + e, 0);
      for (let c = 0; c < K; c++) {
        const g = (exps[c]! / z - (c === row.y ? 1 : 0)) * classWeight[row.y]!;
        gB[c]! += g;
        for (const i of row.f) gW[i * K + c]! += g;
      }
    }
    const n = rows.length;
    const adam = (x: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, reg: number): void => {
      for (let j = 0; j < x.length; j++) {
        const grad = g[j]! / n + reg * x[j]!;
        m[j] = 0.9 * m[j]! + 0.1 * grad;
        v[j] = 0.999 * v[j]! + 0.001 * grad * grad;
        x[j]! -= (LEARNING_RATE * (m[j]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[j]! / (1 - 0.999 ** epoch)) + 1e-8);
      }
    };
    adam(W, gW, mW, vW, L2);
    adam(b, gB, mB, vB, 0);
  }
  const words: LearnedLexicon['words'] = {};
  vocab.forEach((f, i) => {
    const weights: Partial<Record<CategoryId, number>> = {};
    CLASSES.forEach((c, k) => {
      const w = Math.round(W[i * K + k]! * 100) / 100;
      if (Math.abs(w) >= KEEP) weights[c] = w;
    });
    if (Object.keys(weights).length > 0) words[f] = weights;
  });
  const bias = Object.fromEntries(CLASSES.map((c, k) => [c, Math.round(b[k]! * 100) / 100]));
  return { lang: 'en', cueScale: CUE_SCALE, bias, words };
}

function predict(learned: LearnedLexicon, texts: string[]): CategoryId[] {
  const lexicon = { ...compileLexicon({ en, fr, ar }), learned };
  return texts.map((text) => categorizeText({ text }, { lexicon }).category);
}

/** Held-out predictions of the scored tweets: each fold predicted by a lexicon fitted on the other folds. */
export function crossValidate(examples: Example[]): { gold: CategoryId[]; heldOut: CategoryId[]; perFold: number[] } {
  const gold: CategoryId[] = [];
  const heldOut: CategoryId[] = [];
  const perFold: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const learned = fit(examples.filter((ex) => fold(ex.id) !== f));
    const foldRows = examples.filter((ex) => fold(ex.id) === f && SCORED.includes(ex.gold));
    const predicted = predict(
      learned,
      foldRows.map((ex) => ex.text),
    );
    perFold.push(
      score(
        foldRows.map((ex) => ex.gold),
        predicted,
      ).macroF1,
    );
    gold.push(...foldRows.map((ex) => ex.gold));
    heldOut.push(...predicted);
  }
  return { gold, heldOut, perFold };
}

function main(): void {
  if (!existsSync(DATA_FILE)) {
    console.log(`fit-categorize: skipped, ${DATA_FILE} is absent (the shared data is not in users' clones).`);
    return;
  }
  const examples = load();
  const scored = (ex: Example): boolean => SCORED.includes(ex.gold);
  const { gold, heldOut, perFold } = crossValidate(examples);
  console.log(`== ${FOLDS}-fold cross-validation on the shared half (held-out predictions)`);
  console.log(formatScore(score(gold, heldOut)));
  console.log(`per fold: ${perFold.map((f) => f.toFixed(3)).join(' ')}`);

  const learned = fit(examples);
  const scoredRows = examples.filter(scored);
  console.log('\n== fitted on the whole shared half (in-sample)');
  console.log(
    formatScore(
      score(
        scoredRows.map((ex) => ex.gold),
        predict(
          learned,
          scoredRows.map((ex) => ex.text),
        ),
      ),
    ),
  );
  console.log(`\n${Object.keys(learned.words).length} learned words; bias ${JSON.stringify(learned.bias)}`);

  if (process.argv.includes('--write')) {
    const target = path.resolve(fileURLToPath(import.meta.url), '../../src/core/respond/cues/en-learned.ts');
    const body = [
      "import type { LearnedLexicon } from '../lexicon.js';",
      '',
      '/**',
      ' * English word lexicon learned on the shared half of the airline tweets by bench/fit-categorize.ts, on top of',
      ' * the curated cues (regenerate with `npx tsx bench/fit-categorize.ts --write`; print with',
      ' * `npm run bench:categorize -- --weights`). Generated: curate phrases in cues/en.ts, not weights here.',
      ' */',
      `export const enLearned: LearnedLexicon = ${JSON.stringify(learned)};`,
      '',
    ].join('\n');
    writeFileSync(target, body);
    console.log(`wrote ${target}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
