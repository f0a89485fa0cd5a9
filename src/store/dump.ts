import { readFile } from 'node:fs/promises';
import { PrivateJSONFile } from './private-json-file.js';
import { z } from 'zod';
import { PlanSchema } from '../core/plan.js';
import { IncidentSchema, SampleSchema } from '../core/incident/incident.js';
import { FeedbackSchema } from '../core/incident/feedback.js';
import { ThreadRefSchema } from '../core/incident/thread-ref.js';
import { OutboxItemSchema } from '../core/outbox-item.js';
import { SourceStateSchema } from '../core/source-state.js';
import { CorrectionSchema } from '../core/corrections/correction.js';
import { StoreError } from './errors.js';

export const LOWDB_SCHEMA_VERSION = 1;

/** Bucket counts are stored as [total, negative, engagement] to keep the file small. */
const BucketTuple = z.tuple([z.number(), z.number(), z.number()]);

const StoreDumpSchema = z.object({
  schemaVersion: z.literal(LOWDB_SCHEMA_VERSION),
  plans: z.array(PlanSchema),
  sources: z.record(z.string(), SourceStateSchema),
  seen: z.record(z.string(), z.record(z.string(), z.number())),
  buckets: z.record(z.string(), z.record(z.string(), BucketTuple)),
  detector: z.record(z.string(), z.unknown()),
  incidents: z.array(IncidentSchema),
  threads: z.array(ThreadRefSchema),
  feedback: z.array(FeedbackSchema),
  outbox: z.array(OutboxItemSchema),
  installations: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  /** Absent from files written before corrections existed. */
  corrections: z.array(CorrectionSchema).default([]),
  /**
   * Evidence of the buckets not stepped yet (see EvidenceRepo): absent from files written before it existed, and
   * from a PostgreSQL export (at most the last two buckets' posts, which a restart of the target re-reads anyway).
   */
  pendingSamples: z.array(z.object({ planId: z.string(), bucketStart: z.number(), weight: z.number(), sample: SampleSchema })).optional(),
});
/** The neutral dump format of `vigie export` / `vigie import`: the embedded store's file, whatever the store. */
export type StoreDump = z.infer<typeof StoreDumpSchema>;

export function emptyData(): StoreDump {
  return {
    schemaVersion: LOWDB_SCHEMA_VERSION,
    plans: [],
    sources: {},
    seen: {},
    buckets: {},
    detector: {},
    incidents: [],
    threads: [],
    feedback: [],
    outbox: [],
    installations: {},
    corrections: [],
    pendingSamples: [],
  };
}

/** The store's JSON, checked for its schema version, then its schema; `what` names the file in the messages. */
export function checkStoreData(raw: unknown, what: string): StoreDump {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== LOWDB_SCHEMA_VERSION) {
    throw new StoreError('unsupported_version', `${what} has schema version ${String(version)}; this Vigie reads version ${LOWDB_SCHEMA_VERSION}.`);
  }
  const parsed = StoreDumpSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StoreError('invalid_data', `${what} does not match its schema at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}.`);
  }
  return parsed.data;
}

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

/**
 * Written as the embedded store writes its file (temporary file, then rename): an interrupted export never leaves a
 * truncated dump. Owner-only (0600) like the store: a dump holds the workspaces' installations.
 */
export async function writeDump(file: string, dump: StoreDump): Promise<void> {
  await new PrivateJSONFile<StoreDump>(file).write(dump);
}

export function dumpSummary(dump: StoreDump): string {
  const seen = Object.values(dump.seen).reduce((n, ids) => n + Object.keys(ids).length, 0);
  const buckets = Object.values(dump.buckets).reduce((n, series) => n + Object.keys(series).length, 0);
  return `${dump.plans.length} plans, ${Object.keys(dump.sources).length} sources, ${seen} seen ids, ${buckets} buckets, ${dump.incidents.length} incidents, ${dump.outbox.length} queued or sent alerts, ${dump.corrections.length} sentiment corrections`;
}
