/**
 * `npm run train:sentiment [-- --out FILE --epochs N …]`: trains the shipped sentiment model from
 * ../shared/data/sentiment and writes src/models/weights/model.bin (same data and flags → same bytes).
 * Prints per-language validation figures after each epoch so the epoch count can be chosen on val.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FeatureExtractor } from '../src/core/sentiment/features.js';
import { evaluate } from '../src/core/sentiment/metrics.js';
import { encodeModel, score, type SentimentModel } from '../src/core/sentiment/model.js';
import { normalise } from '../src/core/sentiment/normalise.js';
import { tokenise } from '../src/core/sentiment/tokenise.js';
import { fitTemperature } from '../src/core/sentiment/calibrate.js';
import { train } from '../src/core/sentiment/train.js';
import { DEFAULT_DATA_DIR, MODEL_LANGUAGES, dataAvailable, readTrainingExamples, trainingSources, validationSets } from './sentiment-data.js';
import { DEFAULT_WEIGHTS_FILE } from '../src/models/sentiment.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: DEFAULT_DATA_DIR },
    out: { type: 'string', default: DEFAULT_WEIGHTS_FILE },
    'dry-run': { type: 'boolean', default: false },
    bits: { type: 'string', default: '20' },
    epochs: { type: 'string', default: '5' },
    lr: { type: 'string', default: '0.5' },
    decay: { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '2026' },
    runs: { type: 'string', default: '3' },
    'char-min': { type: 'string', default: '2' },
    'char-max': { type: 'string', default: '5' },
    'no-bigrams': { type: 'boolean', default: false },
    'no-conjoin-chars': { type: 'boolean', default: false },
    'no-conjoin-words': { type: 'boolean', default: false },
    allocine: { type: 'string', default: '0.5' },
    umsab: { type: 'string', default: '5' },
    'binary-arabic': { type: 'string', default: '1' },
    clip: { type: 'string', default: '0.9999' },
  },
});

if (!dataAvailable(values.data)) {
  console.error(`Sentiment training data not found at ${values.data}: clone beside ../shared/data or pass --data DIR.`);
  process.exit(2);
}

const started = performance.now();
const examples = readTrainingExamples(
  values.data,
  trainingSources({
    allocine: Number(values.allocine),
    binaryArabic: Number(values['binary-arabic']),
    umsab: Number(values.umsab),
  }),
);
const validation = validationSets(values.data).map((set) => ({
  ...set,
  tokens: set.rows.map((r) => tokenise(normalise(r.text))),
}));
console.log(`${examples.length} training examples, ${validation.length} validation sets`);

function report(epoch: number, model: SentimentModel): void {
  console.log(`epoch ${epoch}: ${figures(model)}`);
}

function figures(model: SentimentModel): string {
  const extractor = new FeatureExtractor(model.spec);
  const cells = validation.map((set) => {
    const slot = model.languages.indexOf(set.lang) + 1;
    const predicted = set.tokens.map((t) => score(model, extractor.indices, extractor.extract(t, slot)).label);
    const e = evaluate(
      set.rows.map((r) => r.label),
      predicted,
    );
    return `${set.name} R${(100 * e.macroRecall).toFixed(1)} F${(100 * e.macroF1).toFixed(1)}`;
  });
  return `(${((performance.now() - started) / 1000).toFixed(0)} s) ${cells.join(' | ')}`;
}

const model = train(examples, {
  spec: {
    hashBits: Number(values.bits),
    charMin: Number(values['char-min']),
    charMax: Number(values['char-max']),
    wordBigrams: !values['no-bigrams'],
    conjoinWords: !values['no-conjoin-words'],
    conjoinChars: !values['no-conjoin-chars'],
  },
  languages: MODEL_LANGUAGES,
  epochs: Number(values.epochs),
  learningRate: Number(values.lr),
  decay: Number(values.decay),
  seed: Number(values.seed),
  runs: Number(values.runs),
  clipQuantile: Number(values.clip),
  onEpoch: report,
});
// Calibration only rescales confidences; it cannot change a label, so fitting it on val leaves the figures honest.
model.temperature = fitTemperature(
  model,
  validation.flatMap((set) => set.rows.map((r, i) => ({ tokens: set.tokens[i]!, lang: set.lang, label: r.label }))),
);
console.log(`shipped model: ${figures(model)}`);
console.log(`softmax temperature ${model.temperature.toFixed(2)}`);
const bytes = encodeModel(model);
if (values['dry-run']) {
  console.log(`dry run: ${bytes.length} bytes not written`);
} else {
  writeFileSync(values.out, bytes);
  console.log(`wrote ${path.relative(process.cwd(), values.out)} (${bytes.length} bytes)`);
}
