/**
 * `npm run train:sentiment [-- --out FILE --dry-run --recipe '{"epochs":6}']`: trains the shipped sentiment model
 * (scripts/sentiment-recipe.ts) on every labelled row of ../shared/data/sentiment and writes
 * src/models/weights/model.bin (same data and recipe → same bytes). The recipe is chosen on the cross-validated and
 * leave-one-corpus-out figures of `npm run bench:sentiment`, never on one validation file; the softmax temperature
 * (confidences only, labels unchanged) is fitted on one held-out fold.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fitTemperature } from '../src/core/sentiment/calibrate.js';
import { encodeModel } from '../src/core/sentiment/model.js';
import { postTokens } from '../src/core/sentiment/post-tokens.js';
import { trainMatrixModel } from '../src/core/sentiment/train.js';
import { DEFAULT_WEIGHTS_FILE, LEXICON_LANGUAGES, loadPolarityLexicon } from '../src/models/sentiment.js';
import { foldRounds, poolMatrix } from './sentiment-cv.js';
import { DEFAULT_DATA_DIR, dataAvailable, readPool } from './sentiment-data.js';
import { SHIPPED_RECIPE, trainingOptions } from './sentiment-recipe.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: DEFAULT_DATA_DIR },
    out: { type: 'string', default: DEFAULT_WEIGHTS_FILE },
    'dry-run': { type: 'boolean', default: false },
    recipe: { type: 'string', default: '{}' },
  },
});

if (!dataAvailable(values.data)) {
  console.error(`Sentiment training data not found at ${values.data}: clone beside ../shared/data or pass --data DIR.`);
  process.exit(2);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const recipe = { ...SHIPPED_RECIPE, ...JSON.parse(values.recipe) };
// The served model reads LEXICON_LANGUAGES: weights trained on another lexicon would be served with the wrong one.
if (recipe.spec.polarityMarkers && String(recipe.lexiconLanguages ?? LEXICON_LANGUAGES) !== String(LEXICON_LANGUAGES) && !values['dry-run']) {
  console.error(
    `--recipe lexiconLanguages differs from the served lexicon (${LEXICON_LANGUAGES.join(',')}): use --dry-run or change LEXICON_LANGUAGES`,
  );
  process.exit(2);
}
const pool = readPool(values.data, recipe.sources);
const matrix = poolMatrix(pool, recipe);
const lexicon = recipe.spec.polarityMarkers ? loadPolarityLexicon(recipe.lexiconLanguages) : undefined;
console.log(`${pool.length} labelled rows, ${matrix.indices.length} bucket indices (${elapsed()})`);

// Temperature: one run trained without fold 1, fitted on fold 1's posts (labels are not touched by it).
const fold = foldRounds(pool, 5, recipe.seed)[0]!;
const heldOut = new Set(fold.heldOut);
const calibrationModel = trainMatrixModel(
  matrix,
  pool.flatMap((_, i) => (heldOut.has(i) ? [] : [i])),
  { ...trainingOptions(recipe), runs: 1 },
);
const temperature = fitTemperature(
  calibrationModel,
  fold.heldOut.map((i) => ({ tokens: postTokens(pool[i]!.text, lexicon), lang: pool[i]!.group, label: pool[i]!.label })),
);
console.log(`softmax temperature ${temperature.toFixed(2)} (${elapsed()})`);

const model = trainMatrixModel(
  matrix,
  pool.map((_, i) => i),
  trainingOptions(recipe),
);
model.temperature = temperature;
const bytes = encodeModel(model);
const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
if (values['dry-run']) {
  console.log(`dry run: ${bytes.length} bytes (sha256 ${digest}…) not written (${elapsed()})`);
} else {
  writeFileSync(values.out, bytes);
  console.log(`wrote ${path.relative(process.cwd(), values.out)} (${bytes.length} bytes, sha256 ${digest}…) (${elapsed()})`);
}
