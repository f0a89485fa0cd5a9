// npm run bench:local — the footprint of `vigie start` in local mode, as a user starts it: the compiled bin, no Slack
// or Teams credentials, a fresh data folder. Prints, over several starts, the time from spawning the process to its
// "running" line and the resident memory once idle, against the targets: start to ready ≤ 1 s, idle ≤ 120 MiB.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = 3_000;
const TARGET_READY_MS = 1_000;
const TARGET_IDLE_MIB = 120;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

interface Run {
  readyMs: number;
  idleMiB: number;
}

async function once(): Promise<Run> {
  const data = await mkdtemp(path.join(tmpdir(), 'vigie-bench-local-'));
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vigie.js'), 'start'], {
    cwd: data,
    env: { PATH: process.env.PATH ?? '', HOME: data, VIGIE_DATA_DIR: data, PORT: '0', LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = async (pattern: RegExp, what: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${what} from vigie start; it printed: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  try {
    await waitFor(/Vigie is running/, 'ready line');
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, idleMiB: await rssMiB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(data, { recursive: true, force: true });
  }
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const worst = (values: number[]): number => Math.max(...values);
const line = (label: string, values: number[], unit: string, target?: number): string =>
  `${label.padEnd(34)} median ${median(values)
    .toFixed(unit === 'ms' ? 0 : 1)
    .padStart(6)} ${unit}   worst ${worst(values)
    .toFixed(unit === 'ms' ? 0 : 1)
    .padStart(6)} ${unit}${target === undefined ? '' : `   target ≤ ${target} ${unit}: ${worst(values) <= target ? 'met' : 'NOT met'}`}`;
console.log(`bench:local — vigie start in local mode, ${RUNS} starts (node ${process.version})`);
console.log(
  line(
    'start to ready',
    runs.map((r) => r.readyMs),
    'ms',
    TARGET_READY_MS,
  ),
);
console.log(
  line(
    `resident memory, idle ${IDLE_MS / 1000} s`,
    runs.map((r) => r.idleMiB),
    'MiB',
    TARGET_IDLE_MIB,
  ),
);
