import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Window } from './score.js';

/** One NAB data file with its labelled windows as row indices. */
export interface NabFile {
  name: string;
  timestamps: string[];
  values: number[];
  windows: Window[];
}

/** `../shared/data/nab` next to the repository, where CI keeps the benchmark data. */
export function defaultNabDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/data/nab');
}

export function hasNab(dir: string): boolean {
  return existsSync(path.join(dir, 'windows.json'));
}

/** Read the files listed in `windows.json` under the `realTweets/` prefix that exist in `dir`. */
export function loadNab(dir: string): NabFile[] {
  const labels = JSON.parse(readFileSync(path.join(dir, 'windows.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  const files: NabFile[] = [];
  for (const [key, limits] of Object.entries(labels)) {
    const name = key.split('/').pop()!;
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
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
    files.push({ name, timestamps, values, windows });
  }
  return files;
}
