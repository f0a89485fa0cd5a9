import { readFile } from 'node:fs/promises';
import { JSONFile } from 'lowdb/node';
import { checkStoreData } from './lowdb.js';
import type { StoreDump } from './lowdb.js';
import { StoreError } from './errors.js';

/**
 * The dump file of `vigie export` / `vigie import`: the embedded store's own JSON format, whichever store wrote it,
 * so a lowdb data file is also a valid dump.
 */
export async function readDump(file: string): Promise<StoreDump> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StoreError('unreadable', `Cannot read the dump ${file}: ${(error as Error).message}`, { cause: error });
  }
  return checkStoreData(raw, `The dump ${file}`);
}

/** Written as the embedded store writes its file (temporary file, then rename): an interrupted export never leaves a truncated dump. */
export async function writeDump(file: string, dump: StoreDump): Promise<void> {
  await new JSONFile<StoreDump>(file).write(dump);
}

export function dumpSummary(dump: StoreDump): string {
  const seen = Object.values(dump.seen).reduce((n, ids) => n + Object.keys(ids).length, 0);
  const buckets = Object.values(dump.buckets).reduce((n, series) => n + Object.keys(series).length, 0);
  return `${dump.plans.length} plans, ${Object.keys(dump.sources).length} sources, ${seen} seen ids, ${buckets} buckets, ${dump.incidents.length} incidents, ${dump.outbox.length} queued or sent alerts`;
}
