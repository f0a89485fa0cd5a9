/**
 * `npm run bench:detect`: how the bot's detector holds on series it was not tuned on, and how fast it is.
 *
 * 1. NAB's five shared tweet-volume files, leave-one-file-out: the one constant chosen on data — the chance-alarm
 *    budget of normal sensitivity — is chosen on four files and scored on the fifth, exactly as `vigie detect`
 *    scores (standard profile, threshold 0.5).
 * 2. The rest of NAB (48 series that are not tweet volume) at threshold 0.5, per category, beside the published
 *    whole-corpus figures: a test of fragility, not a target.
 * 3. Semi-synthetic events injected into calm stretches of the real tweet series at volumes from a quiet brand to
 *    500 mentions per 5 minutes: detection rate and delay per event and volume, and chance alarms per plan-month
 *    on the untouched series, at each sensitivity.
 * 4. Throughput, in CPU time per core.
 * Parts 1–3 need `../shared/data` and say so when it is absent.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALPHA, createDetectorState, type DetectorState, stepDetector } from '../src/core/detect/detector.js';
import { SeriesScorer } from '../src/core/detect/series.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../src/core/incident/lifecycle.js';
import { SensitivitySchema } from '../src/core/plan.js';
import { burstTable, printBurstTable } from './bursts/table.js';
import type { DetectorUnderTest } from './bursts/measure.js';
import { poisson, uniform } from './bursts/random.js';
import { defaultCorpusDir, defaultNabDir, hasNab, loadCorpus, loadNab, type NabFile } from './nab/dataset.js';
import { leaveOneFileOut } from './nab/lofo.js';
import { scoreCorpusFile, scoreTweetFile, THRESHOLD } from './nab/run.js';
import { type FileScore, normalisedScore, STANDARD_PROFILE } from './nab/score.js';

const BUCKET_MS = 5 * 60_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Candidate budgets for normal sensitivity: quarter decades from 1e-4 to 1e-2. */
const BUDGETS = Array.from({ length: 9 }, (_, i) => Number((10 ** (-4 + i / 4)).toPrecision(2)));

/** Published NAB results on the whole corpus (58 files), each detector at its own optimised threshold. */
const PUBLISHED: ReadonlyArray<[string, number]> = [
  ['ARTime', 74.9],
  ['Numenta HTM', 70.1],
  ['contextOSE', 69.9],
  ['htmjava', 65.5],
  ['Skyline (earthgecko)', 58.2],
  ['KNN-CAD', 58.0],
  ['Relative Entropy', 54.6],
  ['Random Cut Forest', 51.7],
  ['Twitter ADVec', 47.1],
  ['windowed Gaussian', 39.6],
];

const fixed = (n: number, digits = 1): string => n.toFixed(digits);
const shortName = (file: string): string => file.replace(/^Twitter_volume_/, '').replace(/\.csv$/, '');

function crossValidate(files: NabFile[]): void {
  console.log(`1. Leave-one-file-out on NAB's shared tweet files (standard profile, threshold ${THRESHOLD})`);
  console.log(`   candidates: normal's chance-alarm budget ${BUDGETS.map((b) => b.toExponential(1)).join(', ')}; shipped: ${ALPHA.normal}`);
  const grid: FileScore[][] = BUDGETS.map((alpha) =>
    files.map((file) => scoreTweetFile(file, { bucketMs: BUCKET_MS, sensitivity: 'normal', alpha })),
  );
  console.log(
    `   five-file score by budget (not cross-validated): ${grid.map((r, c) => `${BUDGETS[c]!.toExponential(1)}: ${fixed(normalisedScore(r))}`).join('  ')}`,
  );
  const cv = leaveOneFileOut(grid);
  for (const fold of cv.folds) {
    const result = grid[fold.chosen]![fold.held]!;
    console.log(
      `   held out ${shortName(files[fold.held]!.name).padEnd(5)} budget chosen on the other four ${BUDGETS[fold.chosen]!.toExponential(1)} ` +
        `(their score ${fixed(fold.trainScore)}) → ${fixed(fold.score).padStart(5)}  windows ${result.windowsHit}/${result.windowsHit + result.windowsMissed}, false-positive rows ${result.falsePositiveRows}`,
    );
  }
  console.log(`   cross-validated: mean ${fixed(cv.mean)}, worst fold ${fixed(cv.worst)}`);
  const shipped = files.map((file) => scoreTweetFile(file, { bucketMs: BUCKET_MS, sensitivity: 'normal' }));
  console.log(
    `   shipped normal (${ALPHA.normal}), per file: ${shipped.map((r, f) => `${shortName(files[f]!.name)} ${fixed(normalisedScore([r]))}`).join(', ')}; ` +
      `five files pooled ${fixed(normalisedScore(shipped), 2)} (seen data: not cross-validated)`,
  );
}

function corpus(dir: string): void {
  console.log(`2. The rest of NAB (${path.basename(dir)}), threshold ${THRESHOLD}, sensitivity normal — fragility, not a target`);
  const files = loadCorpus(dir);
  const results = files.map((file) => ({ file, result: scoreCorpusFile(file, 'normal') }));
  const categories = [...new Set(files.map((f) => f.category))];
  for (const category of categories) {
    const rows = results.filter((r) => r.file.category === category).map((r) => r.result);
    const windows = rows.reduce((a, r) => a + r.windowsHit + r.windowsMissed, 0);
    const hit = rows.reduce((a, r) => a + r.windowsHit, 0);
    const fp = rows.reduce((a, r) => a + r.falsePositiveRows, 0);
    const score = windows > 0 ? fixed(normalisedScore(rows)).padStart(5) : '  n/a';
    console.log(
      `   ${category.padEnd(22)} ${String(rows.length).padStart(2)} files  score ${score}  windows ${hit}/${windows}  false-positive rows ${fp}`,
    );
  }
  const all = results.map((r) => r.result);
  console.log(
    `   overall (${files.length} files): ${fixed(normalisedScore(all))}, windows ${all.reduce((a, r) => a + r.windowsHit, 0)}/${all.reduce((a, r) => a + r.windowsHit + r.windowsMissed, 0)}, ` +
      `false-positive rows ${all.reduce((a, r) => a + r.falsePositiveRows, 0)}`,
  );
  console.log(
    `   published, whole corpus (58 files), each at its own optimised threshold: ${PUBLISHED.map(([name, s]) => `${name} ${s}`).join(', ')}`,
  );
}

const botUnderTest: DetectorUnderTest<DetectorState> = {
  create: createDetectorState,
  step: (state, bucket, sensitivity) => stepDetector(state, bucket, { bucketMs: BUCKET_MS, sensitivity }),
  clone: (state) => structuredClone(state),
};

function bursts(files: NabFile[]): void {
  console.log('3. Semi-synthetic events in calm stretches of the real tweet series (detected / median delay from the event start)');
  console.log('   brands: each file thinned or scaled to a median of N mentions per 5 min (0: mean 0.4), 30% of them negative;');
  console.log('   chance alarms: incidents opened on the untouched series, outside labelled windows and the day after them, per 30 days');
  for (const sensitivity of SensitivitySchema.options) {
    const table = burstTable(files, botUnderTest, sensitivity);
    console.log(`   sensitivity ${sensitivity} (budget ${ALPHA[sensitivity]}); files per volume: ${table.files.map((f) => f.length).join(', ')}`);
    printBurstTable(table, (line) => console.log(`   ${line}`));
  }
}

/** CPU seconds of this process since `from`: per-core cost, unaffected by other processes sharing the machine. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

/** Real counts when the shared files are there (the tails are computed as often as live), else a seeded series. */
function throughputSeries(files: NabFile[] | undefined): { values: number[]; what: string } {
  if (files) return { values: files.flatMap((f) => f.values), what: 'real counts (the shared tweet files end to end)' };
  const rand = uniform(7);
  const values = Array.from({ length: 80_000 }, (_, i) => poisson(40 * (1 + 0.8 * Math.sin((2 * Math.PI * i) / 288)), rand));
  return { values, what: 'seeded Poisson counts with a daily rhythm (the shared files are absent)' };
}

/** Buckets per CPU second of `run` over `values`, the best of three timed repetitions after one untimed warm-up
 * (the machine is shared: the best repetition is the one least disturbed by the others' work). */
function rate(values: number[], rounds: number, run: (values: number[]) => void): number {
  run(values);
  let best = 0;
  for (let repetition = 0; repetition < 3; repetition++) {
    const from = process.cpuUsage();
    for (let r = 0; r < rounds; r++) run(values);
    best = Math.max(best, (rounds * values.length) / cpuSeconds(from));
  }
  return best;
}

/** Measured before the other parts: they call the detector with other option shapes (budgets, gaps), which would
 * leave its call sites polymorphic and slow down what a bot process, which never does, would run. */
function throughput({ values, what }: { values: number[]; what: string }): () => void {
  const start = Date.UTC(2015, 1, 26);
  let alerts = 0;
  const detector = rate(values, 5, (series) => {
    const state = createDetectorState(BUCKET_MS);
    const options = { bucketMs: BUCKET_MS, sensitivity: 'normal' as const };
    for (let i = 0; i < series.length; i++) {
      const v = series[i]!;
      if (stepDetector(state, { start: start + i * BUCKET_MS, negative: v, total: v, engagement: 0 }, options).alert) alerts++;
    }
  });
  const lifecycle = rate(values, 2, (series) => {
    const scorer = new SeriesScorer({ bucketMs: BUCKET_MS, sensitivity: 'normal', resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs });
    for (let i = 0; i < series.length; i++) scorer.push({ at: start + i * BUCKET_MS, negative: series[i]! });
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg()[0]!;
  return () => {
    console.log(`4. Throughput per core, in CPU time (${cpu}, ${os.cpus().length} cores, Node ${process.version}, load average ${fixed(load)}):`);
    console.log(
      `   best of three repetitions over ${values.length.toLocaleString('en-US')} buckets of ${what}; ${alerts} alerting buckets in all runs`,
    );
    console.log(`   detector alone:            ${Math.round(detector).toLocaleString('en-US')} buckets/s`);
    console.log(`   detector + incident cycle: ${Math.round(lifecycle).toLocaleString('en-US')} buckets/s`);
  };
}

const nabDir = defaultNabDir(repoRoot);
const corpusDir = defaultCorpusDir(repoRoot);
const tweets = hasNab(nabDir) ? loadNab(nabDir) : undefined;
const printThroughput = throughput(throughputSeries(tweets));
console.log(
  `bench:detect — NAB standard profile (tp ${STANDARD_PROFILE.tpWeight}, fp ${STANDARD_PROFILE.fpWeight}, fn ${STANDARD_PROFILE.fnWeight})`,
);
if (tweets && tweets.length >= 2) {
  crossValidate(tweets);
} else {
  console.log(`1. skipped: NAB tweet files not found at ${nabDir} (they ship with CI, not with the repository)`);
}
if (hasNab(corpusDir)) corpus(corpusDir);
else console.log(`2. skipped: the rest of NAB not found at ${corpusDir}`);
if (tweets && tweets.length > 0) bursts(tweets);
else console.log(`3. skipped: the semi-synthetic events are injected into the NAB tweet files, not found at ${nabDir}`);
printThroughput();
