/**
 * `npm run bench:sentiment`: validation figures of the shipped sentiment model per language (TweetEval val and
 * every UMSAB val), throughput on one core, load time, weights size and memory. Prints figures; asserts nothing.
 */
import { execSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';

const importStarted = performance.now();
const { loadClassifier } = await import('../src/core/sentiment/classify.js');
const { createLanguageDetector } = await import('../src/core/sentiment/langid.js');
const { loadEldDetector } = await import('../src/models/language.js');
const { evaluate } = await import('../src/core/sentiment/metrics.js');
const { DEFAULT_WEIGHTS_FILE } = await import('../src/models/sentiment.js');
const { DEFAULT_DATA_DIR, dataAvailable, validationSets } = await import('../scripts/sentiment-data.js');
const importMs = performance.now() - importStarted;

if (!dataAvailable()) {
  console.log(`bench:sentiment: no validation data at ${DEFAULT_DATA_DIR}`);
  console.log('The sentiment benchmark needs ../shared/data/sentiment beside the repository (CI has it); nothing measured.');
  process.exit(0);
}

const eldStarted = performance.now();
const detectLanguage = createLanguageDetector(await loadEldDetector());
const eldMs = performance.now() - eldStarted;
const loadStarted = performance.now();
const classifier = loadClassifier(readFileSync(DEFAULT_WEIGHTS_FILE), { detectLanguage });
const loadMs = performance.now() - loadStarted;
const weightsBytes = statSync(DEFAULT_WEIGHTS_FILE).size;

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const sets = validationSets(DEFAULT_DATA_DIR);

console.log('Sentiment validation figures (language given, as `vigie classify --lang xx`; last columns: language detected)');
console.log('set            n     macroR  macroF1  acc    negP   negR  | detected: macroF1  langid-acc');
for (const set of sets) {
  const gold = set.rows.map((r) => r.label);
  const given = evaluate(
    gold,
    set.rows.map((r) => classifier.classify(r.text, set.lang).label),
  );
  const auto = set.rows.map((r) => classifier.classify(r.text));
  const detected = evaluate(
    gold,
    auto.map((r) => r.label),
  );
  const langOk = auto.filter((r) => r.lang === set.lang).length / auto.length;
  console.log(
    `${set.name.padEnd(13)} ${String(set.rows.length).padStart(5)}  ${pct(given.macroRecall)}   ${pct(given.macroF1)}  ` +
      `${pct(given.accuracy)}  ${pct(given.negativePrecision)}  ${pct(given.negativeRecall)} |          ${pct(detected.macroF1)}       ${pct(langOk)}`,
  );
}

const texts = sets.flatMap((s) => s.rows.map((r) => ({ text: r.text, lang: s.lang })));
/**
 * Messages per second of this process's CPU time (user + system) as well as of wall time: on a shared machine the
 * wall-clock figure drops with other processes' load, the CPU-time one measures the classifier.
 */
function throughput(run: (t: { text: string; lang: string }) => unknown): { cpu: number; wall: number } {
  for (const t of texts.slice(0, 2000)) run(t);
  let done = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < 3000) {
    for (const t of texts) run(t);
    done += texts.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { cpu: done / ((cpu.user + cpu.system) / 1e6), wall: done / ((performance.now() - started) / 1000) };
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
  `model load: ${loadMs.toFixed(1)} ms (weights ${(weightsBytes / 1024 / 1024).toFixed(2)} MiB); ELD language-id data load: ${eldMs.toFixed(0)} ms; code import: ${importMs.toFixed(0)} ms`,
);
console.log(
  `memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`,
);
console.log(`machine: ${cores} cores (nproc), ${cpu}, node ${process.version}`);
