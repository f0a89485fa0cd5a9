import { readFile, rename, writeFile } from 'node:fs/promises';
import { LOWDB_SCHEMA_VERSION, StoreDumpSchema } from './lowdb.js';
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
  const parsed = StoreDumpSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const code = (raw as { schemaVersion?: unknown } | null)?.schemaVersion === LOWDB_SCHEMA_VERSION ? 'invalid_data' : 'unsupported_version';
    throw new StoreError(code, `The dump ${file} does not match the dump format at ${first?.path.join('.') || '(top)'}: ${first?.message ?? ''}.`);
  }
  return parsed.data;
}

/** Written to a temporary file first: an interrupted export never leaves a truncated dump under the final name. */
export async function writeDump(file: string, dump: StoreDump): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(dump));
  await rename(temporary, file);
}

export function dumpSummary(dump: StoreDump): string {
  const seen = Object.values(dump.seen).reduce((n, ids) => n + Object.keys(ids).length, 0);
  const buckets = Object.values(dump.buckets).reduce((n, series) => n + Object.keys(series).length, 0);
  return `${dump.plans.length} plans, ${Object.keys(dump.sources).length} sources, ${seen} seen ids, ${buckets} buckets, ${dump.incidents.length} incidents, ${dump.outbox.length} queued or sent alerts`;
}
