import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Window } from './score.js';

/** One NAB data file with its labelled windows as row indices. */
export interface NabFile {
  name: string;
  timestamps: string[];
  /** The timestamps as epoch ms (NAB states no zone: read as UTC). */
  times: number[];
  values: number[];
  windows: Window[];
}

/** A file of the rest of the corpus: its category, and the interval between its rows (the median gap). */
export interface CorpusFile extends NabFile {
  category: string;
  intervalMs: number;
}

/** `../shared/data/nab` next to the repository, where CI keeps the benchmark data. */
export function defaultNabDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/data/nab');
}

/** `../shared/data/nab-corpus`: NAB's other 48 series (not tweet volume). */
export function defaultCorpusDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/data/nab-corpus');
}

export function hasNab(dir: string): boolean {
  return existsSync(path.join(dir, 'windows.json'));
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` as UTC epoch ms. */
export function nabTime(timestamp: string): number {
  return Date.parse(`${timestamp.slice(0, 19).replace(' ', 'T')}Z`);
}

function readFile(file: string, limits: Array<[string, string]>): NabFile {
  const name = path.basename(file);
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  const timestamps: string[] = [];
  const values: number[] = [];
  for (const line of lines) {
    const [t, v] = line.split(',');
    timestamps.push(t!.trim());
    values.push(Number(v));
  }
  const index = new Map(timestamps.map((t, i) => [t.slice(0, 19), i]));
  const windows = limits.map(([a, b]): Window => {
    const start = index.get(a.slice(0, 19));
    const end = index.get(b.slice(0, 19));
    if (start === undefined || end === undefined) throw new Error(`${name}: window ${a}..${b} is not on a row`);
    return [start, end];
  });
  return { name, timestamps, times: timestamps.map(nabTime), values, windows };
}

function readLabels(dir: string): Record<string, Array<[string, string]>> {
  return JSON.parse(readFileSync(path.join(dir, 'windows.json'), 'utf8')) as Record<string, Array<[string, string]>>;
}

/** Read the files listed in `windows.json` under the `realTweets/` prefix that exist in `dir`. */
export function loadNab(dir: string): NabFile[] {
  const files: NabFile[] = [];
  for (const [key, limits] of Object.entries(readLabels(dir))) {
    const file = path.join(dir, path.basename(key));
    if (existsSync(file)) files.push(readFile(file, limits));
  }
  return files;
}

/** Read every file of `windows.json` (keys `<category>/<file>.csv`), in its order. */
export function loadCorpus(dir: string): CorpusFile[] {
  return Object.entries(readLabels(dir)).map(([key, limits]) => {
    const file = readFile(path.join(dir, key), limits);
    const gaps = file.times
      .slice(1)
      .map((t, i) => t - file.times[i]!)
      .sort((a, b) => a - b);
    return { ...file, category: key.split('/')[0]!, intervalMs: gaps[Math.floor(gaps.length / 2)] ?? 0 };
  });
}
