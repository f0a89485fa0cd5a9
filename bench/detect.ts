/**
 * `npm run bench:detect`: the bot's detector on NAB's realTweets files — each file's standard-profile score and
 * the normalised score at threshold 0.5, exactly as `vigie detect` scores them — and its throughput.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetectorState, stepDetector } from '../src/core/detect/detector.js';
import { SeriesScorer } from '../src/core/detect/series.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../src/core/incident/lifecycle.js';
import { defaultNabDir, hasNab, loadNab, type NabFile } from './nab/dataset.js';
import { normalisedScore, scoreFile, STANDARD_PROFILE } from './nab/score.js';

const BUCKET_MS = 5 * 60_000;
const THRESHOLD = 0.5;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function timesOf(file: NabFile): number[] {
  return file.timestamps.map((t) => Date.parse(`${t.replace(' ', 'T')}Z`));
}

function scoreNab(files: NabFile[]): void {
  console.log(
    `NAB realTweets, standard profile (tp ${STANDARD_PROFILE.tpWeight}, fp ${STANDARD_PROFILE.fpWeight}, fn ${STANDARD_PROFILE.fnWeight}), threshold ${THRESHOLD}, sensitivity normal`,
  );
  const results = files.map((file) => {
    const times = timesOf(file);
    const scorer = new SeriesScorer({ bucketMs: BUCKET_MS, sensitivity: 'normal', resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs });
    const scores = file.values.map((value, i) => scorer.push({ at: times[i]!, negative: value }).score);
    const result = scoreFile(scores, file.windows, THRESHOLD, STANDARD_PROFILE);
    const normalised = normalisedScore([result]);
    console.log(
      `  ${file.name.padEnd(26)} raw ${result.raw.toFixed(3).padStart(7)}  normalised ${normalised.toFixed(1).padStart(5)}  ` +
        `windows hit ${result.windowsHit}/${file.windows.length}  false-positive rows ${result.falsePositiveRows}`,
    );
    return result;
  });
  console.log(`  normalised standard score over ${files.length} files: ${normalisedScore(results).toFixed(2)}`);
}

/** CPU seconds of this process since `from`: per-core cost, unaffected by other processes sharing the machine. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

function throughput(files: NabFile[]): void {
  // The files end to end, repeated: real counts, so the tail computations run as often as they would live.
  const values = files.flatMap((f) => f.values);
  const rounds = 20;
  const start = Date.UTC(2015, 1, 26);
  let buckets = 0;
  let alerts = 0;
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    const state = createDetectorState(BUCKET_MS);
    const options = { bucketMs: BUCKET_MS, sensitivity: 'normal' as const };
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (stepDetector(state, { start: start + i * BUCKET_MS, negative: v, total: v, engagement: 0 }, options).alert) alerts++;
      buckets++;
    }
  }
  const detectorSeconds = cpuSeconds(c0);

  const c1 = process.cpuUsage();
  let lifecycleBuckets = 0;
  for (let r = 0; r < 5; r++) {
    const scorer = new SeriesScorer({ bucketMs: BUCKET_MS, sensitivity: 'normal', resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs });
    for (let i = 0; i < values.length; i++) scorer.push({ at: start + i * BUCKET_MS, negative: values[i]! });
    lifecycleBuckets += values.length;
  }
  const lifecycleSeconds = cpuSeconds(c1);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Throughput per core, in CPU time (${cpu}, ${os.cpus().length} cores, Node ${process.version}):`);
  console.log(
    `  detector alone:           ${Math.round(buckets / detectorSeconds).toLocaleString('en-US')} buckets/s (${buckets.toLocaleString('en-US')} buckets, ${alerts} alerting)`,
  );
  console.log(`  detector + incident cycle: ${Math.round(lifecycleBuckets / lifecycleSeconds).toLocaleString('en-US')} buckets/s`);
}

const dir = defaultNabDir(repoRoot);
if (!hasNab(dir)) {
  console.log(`bench:detect: NAB data not found at ${dir} (it ships with CI, not with the repository); nothing to measure.`);
} else {
  const files = loadNab(dir);
  scoreNab(files);
  throughput(files);
}
