/**
 * `npm run bench:sentiment [-- --runs N --folds K --skip-cv --skip-loco --skip-speed --recipe '{"epochs":6}']`:
 * pools every labelled row per language (train, val and extra/ files), then prints k-fold cross-validation and
 * leave-one-corpus-out figures (mean and worst) for en, fr, ar and Darija, each round training the shipped recipe
 * and scoring through the shipped classifier; then language identification by length band, throughput on one core,
 * load time, weights size and memory. Prints figures; asserts nothing.
 */
import { execSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    folds: { type: 'string', default: '5' },
    recipe: { type: 'string', default: '{}' },
    'skip-cv': { type: 'boolean', default: false },
    'skip-loco': { type: 'boolean', default: false },
    'skip-langid': { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
  },
});

const importStarted = performance.now();
const { loadClassifier } = await import('../src/core/sentiment/classify.js');
const { evaluate } = await import('../src/core/sentiment/metrics.js');
const { DEFAULT_WEIGHTS_FILE, loadLanguageDetector, loadPolarityLexicon } = await import('../src/models/sentiment.js');
const { DEFAULT_DATA_DIR, SCORED_LANGUAGES, dataAvailable, readPool } = await import('../scripts/sentiment-data.js');
const { SHIPPED_RECIPE } = await import('../scripts/sentiment-recipe.js');
const { corpusRounds, foldRounds, poolMatrix, priorAdjusted, runRound } = await import('../scripts/sentiment-cv.js');
const { languageIdReport } = await import('./sentiment-langid.js');
const importMs = performance.now() - importStarted;

if (!dataAvailable()) {
  console.log(`bench:sentiment: no sentiment data at ${DEFAULT_DATA_DIR}`);
  console.log('The sentiment benchmark needs ../shared/data/sentiment beside the repository (CI has it); nothing measured.');
  process.exit(0);
}

type Result = import('../src/core/sentiment/types.js').SentimentResult;
type Round = import('../scripts/sentiment-cv.js').Round;

const recipe = { ...SHIPPED_RECIPE, ...JSON.parse(values.recipe), runs: Number(values.runs) };
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const pool = readPool(DEFAULT_DATA_DIR, recipe.sources);
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const NAMES: Record<string, string> = { en: 'English', fr: 'French', ar: 'Arabic', ary: 'Darija' };
// The metric of each language's unseen test: TweetEval's is macro-recall, UMSAB's and AfriSenti's macro-F1.
const metricOf = (lang: string) => (lang === 'en' ? 'macroRecall' : 'macroF1');

console.log(`Pool: ${pool.length} labelled rows (train, val and extra/ files; duplicates within a language dropped)`);
for (const lang of SCORED_LANGUAGES) {
  const rows = pool.filter((r) => r.lang === lang);
  const corpora = [...new Set(rows.map((r) => r.corpus))].map((c) => `${c} ${rows.filter((r) => r.corpus === c).length}`);
  console.log(`  ${NAMES[lang]!.padEnd(8)} ${String(rows.length).padStart(6)}: ${corpora.join(', ')}`);
}
console.log(`Recipe: ${JSON.stringify({ ...recipe, spec: undefined })} spec ${JSON.stringify(recipe.spec)}`);
console.log(`(rounds train ${recipe.runs} seeded run(s); the shipped model averages ${SHIPPED_RECIPE.runs})`);

interface Scored {
  round: Round;
  results: Map<number, Result>;
}

function runAll(rounds: Round[], matrix: ReturnType<typeof poolMatrix>): Scored[] {
  return rounds.map((round) => {
    const results = runRound(pool, matrix, round, recipe);
    console.log(`  round ${round.name}: ${round.heldOut.length} held out (${elapsed()})`);
    return { round, results };
  });
}

/** Figures per unit (fold or corpus) of one language, plain and with EM prior correction per unit. */
function perUnit(scored: Scored[], lang: string): Array<{ unit: string; n: number; plain: number; em: number }> {
  const metric = metricOf(lang);
  const units: Array<{ unit: string; n: number; plain: number; em: number }> = [];
  for (const { round, results } of scored) {
    const byUnit = new Map<string, number[]>();
    for (const i of round.heldOut) {
      if (pool[i]!.lang !== lang) continue;
      const unit = round.unitOf(i);
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), i]);
    }
    for (const [unit, rows] of byUnit) {
      const gold = rows.map((i) => pool[i]!.label);
      const batch = rows.map((i) => results.get(i)!);
      const plain = evaluate(
        gold,
        batch.map((r) => r.label),
      )[metric];
      const em = evaluate(gold, priorAdjusted(batch))[metric];
      units.push({ unit, n: rows.length, plain, em });
    }
  }
  return units;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function printTable(title: string, scored: Scored[]): void {
  console.log('');
  console.log(title);
  console.log('language  metric        n   | mean    worst  (unit)                 | with EM prior correction per unit: mean  worst');
  for (const lang of SCORED_LANGUAGES) {
    const units = perUnit(scored, lang);
    if (units.length === 0) continue;
    const worst = units.reduce((a, b) => (b.plain < a.plain ? b : a));
    const worstEm = Math.min(...units.map((u) => u.em));
    const n = units.reduce((s, u) => s + u.n, 0);
    console.log(
      `${NAMES[lang]!.padEnd(9)} ${metricOf(lang).padEnd(11)} ${String(n).padStart(6)} | ${pct(mean(units.map((u) => u.plain)))}  ${pct(worst.plain)}  ${`(${worst.unit})`.padEnd(22)} | ` +
        `${pct(mean(units.map((u) => u.em)))}  ${pct(worstEm)}`,
    );
    console.log(`          ${units.map((u) => `${u.unit} ${pct(u.plain).trim()}/${pct(u.em).trim()}`).join(', ')}`);
  }
}

if (!values['skip-cv'] || !values['skip-loco']) {
  const matrix = poolMatrix(pool, recipe);
  console.log(`features: ${matrix.indices.length} bucket indices for ${pool.length} rows (${elapsed()})`);
  if (!values['skip-cv']) {
    const cv = runAll(foldRounds(pool, Number(values.folds), recipe.seed), matrix);
    printTable(`${values.folds}-fold cross-validation (units are folds; figures plain / EM-corrected per fold)`, cv);
  }
  if (!values['skip-loco']) {
    const loco = runAll(corpusRounds(pool), matrix);
    printTable('Leave-one-corpus-out (English: left-out topic groups; units are corpora; plain / EM-corrected)', loco);
  }
}

const eldStarted = performance.now();
const detectLanguage = await loadLanguageDetector();
const eldMs = performance.now() - eldStarted;
if (!values['skip-langid']) {
  console.log('');
  console.log(languageIdReport(pool, detectLanguage));
}
if (values['skip-speed']) process.exit(0);

const loadStarted = performance.now();
const classifier = loadClassifier(readFileSync(DEFAULT_WEIGHTS_FILE), { detectLanguage, lexicon: loadPolarityLexicon() });
const loadMs = performance.now() - loadStarted;
const weightsBytes = statSync(DEFAULT_WEIGHTS_FILE).size;
const texts = pool.filter((_, i) => i % 10 === 0).map((r) => ({ text: r.text, lang: r.lang }));

/**
 * Messages per second of this process's CPU time (user + system) as well as of wall time: on a shared machine the
 * wall-clock figure drops with other processes' load, the CPU-time one measures the classifier.
 */
function throughput(run: (t: { text: string; lang: string }) => unknown): { cpu: number; wall: number } {
  for (const t of texts.slice(0, 2000)) run(t);
  let done = 0;
  const begun = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - begun < 3000) {
    for (const t of texts) run(t);
    done += texts.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { cpu: done / ((cpu.user + cpu.system) / 1e6), wall: done / ((performance.now() - begun) / 1000) };
}
const rate = (r: { cpu: number; wall: number }) => `${Math.round(r.cpu)} msgs/s of CPU time (${Math.round(r.wall)} of wall time)`;
const withLang = throughput((t) => classifier.classify(t.text, t.lang));
const withDetection = throughput((t) => classifier.classify(t.text));
const langidOnly = throughput((t) => detectLanguage(t.text));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
let cores = String(os.availableParallelism());
try {
  cores = execSync('nproc').toString().trim();
} catch {
  // nproc is absent on some systems; os.availableParallelism() is the fallback already set.
}
console.log('');
console.log(`shipped model, ${texts.length} pooled posts (every 10th row), target ≥ 20,000 msgs/s per core:`);
console.log(`throughput, one core, lang given:      ${rate(withLang)}`);
console.log(`throughput, one core, lang detected:   ${rate(withDetection)}`);
console.log(`language detection alone:              ${rate(langidOnly)}`);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (wall-time figures are only meaningful on an idle machine)`,
);
console.log(
  `model load: ${loadMs.toFixed(1)} ms (weights ${(weightsBytes / 1024 / 1024).toFixed(2)} MiB); language-id data load: ${eldMs.toFixed(0)} ms; code import: ${importMs.toFixed(0)} ms`,
);
console.log(
  `memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`,
);
console.log(`machine: ${cores} cores (nproc), ${cpu}, node ${process.version}`);
