import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { inScope } from '../core/plan.js';
import type { Plan, Platform, Scope } from '../core/plan.js';
import type { Incident, Sample } from '../core/incident/incident.js';
import type { Bucket } from '../core/detect/types.js';
import type { PruneReport, Store } from './store.js';
import type { OutboxItem } from '../core/outbox-item.js';
import type { Feedback } from '../core/incident/feedback.js';
import type { ThreadRef } from '../core/incident/thread-ref.js';
import type { SourceState } from '../core/source-state.js';
import type { Correction } from '../core/corrections/correction.js';
import { createKeyedMutex } from './mutex.js';
import { PrivateJSONFile, privateDir, narrowToOwner } from './private-json-file.js';
import { silentLogger, type Logger } from '../log.js';
import { lockDataDir } from './data-dir-lock.js';
import { StoreError } from './errors.js';
import { checkStoreData, emptyData, type StoreDump } from './dump.js';
import { DEFAULT_RETENTION, DELIVERED_OUTBOX_MS, PENDING_SAMPLES_MS, type RetentionSettings } from './retention.js';

export const DATA_FILE = 'vigie.json';

/** How often expired request nonces are dropped (each is kept only minutes). */
const NONCE_SWEEP_MS = 60_000;

/**
 * The embedded default store: one JSON file in the data folder, owner-only (0600 in a 0700 folder). The writer
 * writes a temporary file and renames it over the old one, so a crash mid-write leaves the previous file whole.
 * A file that cannot be read or validated stops start-up with a clear message instead of being overwritten:
 * plans and incidents are never silently lost. One process at a time: the store holds the data folder's lock
 * (data-dir-lock.ts) from open to close, since two writers would each overwrite the other's acknowledged writes.
 */
export async function createLowdbStore(
  dir: string,
  retention: RetentionSettings = DEFAULT_RETENTION,
  options: { owner?: string; logger?: Logger } = {},
): Promise<Store> {
  await privateDir(dir);
  const lock = await lockDataDir(dir, options.owner ?? 'vigie', options.logger ?? silentLogger);
  try {
    const file = path.join(dir, DATA_FILE);
    const db = new Low<StoreDump>(new PrivateJSONFile<StoreDump>(file), emptyData());
    db.data = await readDataFile(file);
    // A file written by an older version (0644) is narrowed as soon as it is opened.
    await narrowToOwner(file);
    return lowdbStore(db, retention, lock.release);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * The data file as it is on disk, or an empty store when there is none. lowdb itself would take a file holding
 * `null` (or `0`, `""`) for a missing one and overwrite it: anything but a plausible store stops here, untouched.
 */
async function readDataFile(file: string): Promise<StoreDump> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw new StoreError('unreadable', `The data file ${file} cannot be read (${(error as Error).message}).`, {
      cause: error,
      say: { key: 'lock.dataFile.unreadable', params: { file, reason: (error as Error).message } },
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreError(
      'unreadable',
      `The data file ${file} is not valid JSON (${(error as Error).message}). Restore it from a backup or move it away to start empty.`,
      { cause: error, say: { key: 'lock.dataFile.notJson', params: { file, reason: (error as Error).message } } },
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const what = raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw;
    throw new StoreError('invalid_data', `The data file ${file} holds a JSON ${what}, not Vigie's data; it was left untouched.`, {
      say: { key: 'lock.dataFile.notStore', params: { file, what } },
    });
  }
  return checkStoreData(raw, `The data file ${file}`);
}

/** The same store held in memory only: for backtests and benchmarks, which must not touch the user's data. */
export function createMemoryStore(retention: RetentionSettings = DEFAULT_RETENTION): Store {
  return lowdbStore(new Low<StoreDump>(new Memory<StoreDump>(), emptyData()), retention);
}

function lowdbStore(db: Low<StoreDump>, retention: RetentionSettings, release: () => Promise<void> = async () => undefined): Store {
  let closed = false;
  const data = (): StoreDump => db.data;
  const pending = (): NonNullable<StoreDump['pendingSamples']> => {
    db.data.pendingSamples ??= [];
    return db.data.pendingSamples;
  };
  const save = (): Promise<void> => db.write();
  const planLocks = createKeyedMutex();
  // Not written to the file: the nonces only have to outlive the five minutes a signature is valid, in this process.
  const nonces = new Map<string, number>();
  let noncesSweptAt = 0;
  const clone = <T>(value: T): T => structuredClone(value);

  return {
    plans: {
      list: async (scope: Scope) =>
        data()
          .plans.filter((p) => inScope(p, scope))
          .map(clone),
      listActive: async () =>
        data()
          .plans.filter((p) => p.status === 'active')
          .map(clone),
      get: async (scope, name) => {
        const wanted = name.toLowerCase();
        const plan = data().plans.find((p) => inScope(p, scope) && p.name.toLowerCase() === wanted);
        return plan && clone(plan);
      },
      getById: async (id) => {
        const plan = data().plans.find((p) => p.id === id);
        return plan && clone(plan);
      },
      save: async (plan: Plan) => {
        const plans = data().plans;
        const clash = plans.find((p) => p.id !== plan.id && inScope(p, plan.scope) && p.name.toLowerCase() === plan.name.toLowerCase());
        if (clash) throw new StoreError('duplicate_name', `A plan named ${plan.name} already exists in this workspace.`);
        const index = plans.findIndex((p) => p.id === plan.id);
        if (index >= 0) plans[index] = clone(plan);
        else plans.push(clone(plan));
        await save();
      },
      remove: async (id) => {
        const d = data();
        d.plans = d.plans.filter((p) => p.id !== id);
        for (const key of Object.keys(d.sources)) if (d.sources[key]?.planId === id) delete d.sources[key];
        for (const key of Object.keys(d.seen)) if (key.startsWith(`${id}|`)) delete d.seen[key];
        // The plan's own series and its competitors' (`<id>|competitor|…`, core/competitors.ts).
        const ofPlan = (key: string) => key === id || key.startsWith(`${id}|`);
        for (const key of Object.keys(d.buckets)) if (ofPlan(key)) delete d.buckets[key];
        for (const key of Object.keys(d.detector)) if (ofPlan(key)) delete d.detector[key];
        // A removed plan leaves nothing behind: its incidents hold posts, authors and links (README, "Privacy").
        const gone = new Set(d.incidents.filter((i) => ofPlan(i.planId)).map((i) => i.id));
        d.incidents = d.incidents.filter((i) => !ofPlan(i.planId));
        d.threads = d.threads.filter((t) => !gone.has(t.incidentId));
        d.feedback = d.feedback.filter((f) => f.planId !== id);
        d.outbox = d.outbox.filter((o) => o.planId !== id);
        // Corrections hold post text: they go with the plan whose evidence showed the post.
        d.corrections = d.corrections.filter((c) => c.planId !== id);
        d.pendingSamples = pending().filter((p) => p.planId !== id);
        await save();
      },
    },
    sources: {
      get: async (key) => {
        const state = data().sources[key];
        return state && clone(state);
      },
      save: async (state: SourceState) => {
        data().sources[state.key] = clone(state);
        await save();
      },
      listForPlan: async (planId) =>
        Object.values(data().sources)
          .filter((s) => s.planId === planId)
          .map(clone),
      removeForPlan: async (planId, keys) => {
        const d = data();
        for (const [key, state] of Object.entries(d.sources)) {
          if (state.planId === planId && (!keys || keys.includes(key))) {
            delete d.sources[key];
            delete d.seen[key];
          }
        }
        await save();
      },
    },
    seen: {
      markNew: async (sourceKey, ids, now, keep = Number.POSITIVE_INFINITY) => {
        data().seen[sourceKey] ??= {};
        const seen = data().seen[sourceKey]!;
        const fresh: string[] = [];
        for (const id of ids) {
          if (seen[id] !== undefined) continue;
          seen[id] = now;
          fresh.push(id);
        }
        if (fresh.length === 0) return fresh;
        const entries = Object.entries(seen);
        if (entries.length > keep) {
          // Oldest first (a stable sort keeps insertion order among ids seen at the same time).
          entries.sort((a, b) => a[1] - b[1]);
          for (const [id] of entries.slice(0, entries.length - keep)) delete seen[id];
        }
        await save();
        return fresh;
      },
    },
    buckets: {
      add: async (planId, increments: Bucket[]) => {
        if (increments.length === 0) return;
        data().buckets[planId] ??= {};
        const series = data().buckets[planId]!;
        for (const inc of increments) {
          const key = String(inc.start);
          const current = series[key] ?? [0, 0, 0];
          series[key] = [current[0] + inc.total, current[1] + inc.negative, current[2] + inc.engagement];
        }
        await save();
      },
      range: async (planId, from, to) => {
        const series = data().buckets[planId] ?? {};
        return Object.entries(series)
          .map(([start, [total, negative, engagement]]) => ({ start: Number(start), total, negative, engagement }))
          .filter((b) => b.start >= from && b.start < to)
          .sort((a, b) => a.start - b.start);
      },
    },
    evidence: {
      add: async (planId, byBucket, perBucket) => {
        if (byBucket.size === 0) return;
        for (const [bucketStart, samples] of byBucket) {
          const all = pending();
          const known = new Set(all.filter((p) => p.planId === planId && p.bucketStart === bucketStart).map((p) => p.sample.id));
          all.push(
            ...samples.filter((s) => !known.has(s.sample.id)).map(({ sample, weight }) => ({ planId, bucketStart, weight, sample: clone(sample) })),
          );
          const bucket = all.filter((p) => p.planId === planId && p.bucketStart === bucketStart);
          if (bucket.length > perBucket) {
            const kept = new Set(bucket.sort((a, b) => b.weight - a.weight).slice(0, perBucket));
            db.data.pendingSamples = all.filter((p) => p.planId !== planId || p.bucketStart !== bucketStart || kept.has(p));
          }
        }
        await save();
      },
      take: async (planId, upTo) => {
        const all = pending();
        const taken = all.filter((p) => p.planId === planId && p.bucketStart <= upTo);
        const byBucket = new Map<number, Sample[]>();
        if (taken.length === 0) return byBucket;
        db.data.pendingSamples = all.filter((p) => p.planId !== planId || p.bucketStart > upTo);
        await save();
        for (const p of taken.sort((a, b) => b.weight - a.weight)) byBucket.set(p.bucketStart, [...(byBucket.get(p.bucketStart) ?? []), p.sample]);
        return byBucket;
      },
    },
    detector: {
      get: async (planId) => clone(data().detector[planId]),
      save: async (planId, state) => {
        data().detector[planId] = clone(state);
        await save();
      },
    },
    incidents: {
      get: async (id) => {
        const found = data().incidents.find((i) => i.id === id);
        return found && clone(found);
      },
      open: async (planId) => {
        const found = data().incidents.find((i) => i.planId === planId && i.status === 'open');
        return found && clone(found);
      },
      save: async (incident: Incident) => {
        const list = data().incidents;
        const index = list.findIndex((i) => i.id === incident.id);
        if (index >= 0) list[index] = clone(incident);
        else list.push(clone(incident));
        await save();
      },
      list: async (planId, limit) =>
        data()
          .incidents.filter((i) => i.planId === planId)
          .sort((a, b) => b.openedAt - a.openedAt)
          .slice(0, limit)
          .map(clone),
      withPrefix: async (prefix, limit) =>
        data()
          .incidents.filter((i) => i.id.startsWith(prefix))
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
          .map(clone),
    },
    threads: {
      get: async (incidentId, platform: Platform) => {
        const found = data().threads.find((t) => t.incidentId === incidentId && t.platform === platform);
        return found && clone(found);
      },
      save: async (ref: ThreadRef) => {
        const list = data().threads;
        const index = list.findIndex((t) => t.incidentId === ref.incidentId && t.platform === ref.platform);
        if (index >= 0) list[index] = clone(ref);
        else list.push(clone(ref));
        await save();
      },
    },
    feedback: {
      add: async (feedback: Feedback) => {
        data().feedback.push(clone(feedback));
        await save();
      },
      list: async (planId) =>
        data()
          .feedback.filter((f) => f.planId === planId)
          .map(clone),
    },
    outbox: {
      add: async (item: OutboxItem) => {
        data().outbox.push(clone(item));
        await save();
      },
      addOnce: async (item) => {
        if (data().outbox.some((o) => o.id === item.id)) return false;
        data().outbox.push(clone(item));
        await save();
        return true;
      },
      claim: async (owner, now, leaseMs, limit) => {
        const claimed: OutboxItem[] = [];
        const blockedIncidents = new Set<string>();
        const ordered = [...data().outbox].sort((a, b) => a.createdAt - b.createdAt);
        for (const item of ordered) {
          if (item.deliveredAt !== undefined) continue;
          const leased = item.claimedUntil !== undefined && item.claimedUntil > now && item.claimedBy !== owner;
          // Messages of one incident go out in order: a parent that is not posted yet holds back its replies.
          if (leased || item.dueAt > now || blockedIncidents.has(item.incidentId)) {
            blockedIncidents.add(item.incidentId);
            continue;
          }
          blockedIncidents.add(item.incidentId);
          item.claimedBy = owner;
          item.claimedUntil = now + leaseMs;
          if (item.kind === 'open' && item.payload.firstTriedAt === undefined) item.payload.firstTriedAt = now;
          claimed.push(clone(item));
          if (claimed.length >= limit) break;
        }
        if (claimed.length > 0) await save();
        return claimed;
      },
      delivered: async (id, now) => {
        const item = data().outbox.find((o) => o.id === id);
        if (!item) return;
        item.deliveredAt = now;
        delete item.claimedBy;
        delete item.claimedUntil;
        await save();
      },
      retry: async (id, dueAt, error) => {
        const item = data().outbox.find((o) => o.id === id);
        if (!item) return;
        item.attempts += 1;
        item.dueAt = dueAt;
        item.lastError = error;
        delete item.claimedBy;
        delete item.claimedUntil;
        await save();
      },
      pending: async () =>
        data()
          .outbox.filter((o) => o.deliveredAt === undefined)
          .map(clone),
    },
    installations: {
      get: async (platform, key) => {
        const value = data().installations[platform]?.[key];
        return value && clone(value);
      },
      save: async (platform, key, value) => {
        data().installations[platform] ??= {};
        data().installations[platform]![key] = clone(value);
        await save();
      },
      remove: async (platform, key) => {
        delete data().installations[platform]?.[key];
        await save();
      },
      list: async (platform) => Object.entries(data().installations[platform] ?? {}).map(([key, value]) => ({ key, value: clone(value) })),
    },
    nonces: {
      claim: async (nonce, expiresAt, now) => {
        if (now - noncesSweptAt >= NONCE_SWEEP_MS) {
          for (const [key, until] of nonces) if (until <= now) nonces.delete(key);
          noncesSweptAt = now;
        }
        const until = nonces.get(nonce);
        if (until !== undefined && until > now) return false;
        nonces.set(nonce, expiresAt);
        return true;
      },
    },
    corrections: {
      save: async (correction) => {
        const d = data();
        const same = (c: Correction): boolean => inScope(c, correction.scope) && c.postId === correction.postId;
        d.corrections = [...d.corrections.filter((c) => !same(c)), clone(correction)];
        await save();
      },
      list: async (scope) =>
        data()
          .corrections.filter((c) => inScope(c, scope))
          .map(clone),
      all: async () => data().corrections.map(clone),
    },
    withPlanLock: (planId, fn) => planLocks.run(planId, fn),
    prune: async (now): Promise<PruneReport> => {
      const d = data();
      const report: PruneReport = { seen: 0, buckets: 0, incidents: 0, outbox: 0 };
      for (const ids of Object.values(d.seen)) {
        for (const [id, at] of Object.entries(ids)) {
          if (at < now - retention.seenMs) {
            delete ids[id];
            report.seen += 1;
          }
        }
      }
      for (const series of Object.values(d.buckets)) {
        for (const start of Object.keys(series)) {
          if (Number(start) < now - retention.bucketMs) {
            delete series[start];
            report.buckets += 1;
          }
        }
      }
      const keptIncidents = d.incidents.filter((i) => i.status === 'open' || (i.resolvedAt ?? i.lastBucketAt) >= now - retention.incidentMs);
      report.incidents = d.incidents.length - keptIncidents.length;
      d.incidents = keptIncidents;
      const liveIncidents = new Set(keptIncidents.map((i) => i.id));
      d.threads = d.threads.filter((t) => liveIncidents.has(t.incidentId));
      const keptOutbox = d.outbox.filter((o) => o.deliveredAt === undefined || o.deliveredAt >= now - DELIVERED_OUTBOX_MS);
      report.outbox = d.outbox.length - keptOutbox.length;
      d.outbox = keptOutbox;
      d.pendingSamples = pending().filter((p) => p.bucketStart >= now - PENDING_SAMPLES_MS);
      await save();
      return report;
    },
    exportAll: async () => clone(data()),
    importAll: async (dump) => {
      pending();
      const d = data();
      const holding = Object.entries(d).find(([field, value]) => field !== 'schemaVersion' && Object.keys(value as object).length > 0);
      if (holding) throw new StoreError('not_empty', `The store already holds data (${holding[0]}); import only into an empty store.`);
      db.data = clone(dump);
      await save();
    },
    ping: async () => undefined,
    close: async () => {
      // Nothing is written once the lock is given back: another process may hold the folder by then.
      if (closed) return;
      closed = true;
      await save();
      await release();
    },
  };
}
