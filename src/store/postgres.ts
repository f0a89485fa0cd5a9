import pg from 'pg';
import type { Plan, Scope } from '../core/plan.js';
import type { Bucket } from '../core/detect/types.js';
import type { Incident, Sample } from '../core/incident/incident.js';
import type { Logger } from '../log.js';
import type { PruneReport, Store } from './store.js';
import type { OutboxItem } from '../core/outbox-item.js';
import type { Feedback } from '../core/incident/feedback.js';
import type { ThreadRef } from '../core/incident/thread-ref.js';
import type { SourceState } from '../core/source-state.js';
import type { Correction } from '../core/corrections/correction.js';
import { DEFAULT_RETENTION, DELIVERED_OUTBOX_MS, PENDING_SAMPLES_MS } from './retention.js';
import type { RetentionSettings } from './retention.js';
import { StoreError } from './errors.js';
import { createKeyedMutex } from './mutex.js';
import { advisoryKey } from './advisory-key.js';
import { inTransaction, withAdvisoryLock } from './pg-client.js';
import { migrate } from './migrate.js';
import { checkSchemaName } from './schema-name.js';
import { exportPostgres, importPostgres } from './postgres-dump.js';
import { incidentEndsAt, nameKey, rowToOutboxItem } from './postgres-rows.js';
import type { OutboxRow } from './postgres-rows.js';

const DEFAULT_PG_SCHEMA = 'vigie';

export interface PostgresStoreOptions {
  /** Schema holding Vigie's tables (created by the migrations). */
  schema?: string;
  retention?: RetentionSettings;
  /** Connections for queries; as many again are kept for plan locks, so that lock holders never starve queries. */
  poolSize?: number;
  /** Shown in pg_stat_activity: tells instances apart. */
  applicationName?: string;
  /** Apply pending migrations at start-up (the default). */
  migrate?: boolean;
  logger: Logger;
}

const BIGINT_LIMIT = Number.MAX_SAFE_INTEGER;

/** A time bound for a bigint column: buckets start on whole milliseconds, so rounding up keeps `>=` and `<` exact. */
function bound(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.max(-BIGINT_LIMIT, Math.min(BIGINT_LIMIT, Math.ceil(value)));
}

const json = (value: unknown): string => JSON.stringify(value);

/** How often an instance drops expired request nonces (each is kept only minutes). */
const NONCE_SWEEP_MS = 60_000;

/**
 * The Store on PostgreSQL, for several identical instances sharing one database. Semantics are those of the
 * embedded store (the same contract suite runs against both); what changes is that they hold across processes:
 * plan work is serialised by an advisory lock, outbox claims are leased rows taken with SKIP LOCKED, seen ids and
 * bucket counts are single atomic statements, and every change touching several rows runs in a transaction.
 */
export async function createPostgresStore(databaseUrl: string, options: PostgresStoreOptions): Promise<Store> {
  const schema = checkSchemaName(options.schema ?? DEFAULT_PG_SCHEMA);
  const retention = options.retention ?? DEFAULT_RETENTION;
  const size = options.poolSize ?? 10;
  const { logger } = options;
  const connection = {
    connectionString: databaseUrl,
    application_name: options.applicationName ?? 'vigie',
    options: `-c search_path=${pg.escapeIdentifier(schema)}`,
  };
  const pool = new pg.Pool({ ...connection, max: size });
  const lockPool = new pg.Pool({ ...connection, max: size });
  // An idle connection cut by the server (restart, failover) is replaced on next use; it must not crash the process.
  for (const p of [pool, lockPool]) p.on('error', (error) => logger.warn('database connection lost', { error }));

  try {
    if (options.migrate ?? true) {
      const report = await migrate(pool, { schema });
      if (report.applied.length > 0) logger.info('database migrated', { schema, from: report.from, to: report.to });
    } else {
      await pool.query('SELECT 1 FROM schema_migrations LIMIT 1');
    }
  } catch (error) {
    await Promise.allSettled([pool.end(), lockPool.end()]);
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'unavailable',
      `Cannot use the PostgreSQL database (${(error as Error).message}). Check DATABASE_URL and run "npx vigie migrate".`,
      { cause: error },
    );
  }

  const planLocks = createKeyedMutex();
  let noncesSweptAt = 0;

  const transaction = <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    inTransaction(pool, (error) => logger.warn('database connection lost during a transaction', { error }), fn);

  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => (await pool.query<R>(text, values)).rows;
  /** One outbox row; `conflict` is empty or `ON CONFLICT (id) DO NOTHING`. Returns the rows inserted. */
  const insertOutbox = async (item: OutboxItem, conflict: '' | 'ON CONFLICT (id) DO NOTHING'): Promise<number> => {
    const result = await pool.query(
      `INSERT INTO outbox (id, incident_id, plan_id, platform, kind, payload, created_at, due_at, attempts, last_error, claimed_by, claimed_until, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10, $11, $12, $13) ${conflict}`,
      [
        item.id,
        item.incidentId,
        item.planId,
        item.platform,
        item.kind,
        json(item.payload),
        bound(item.createdAt),
        bound(item.dueAt),
        item.attempts,
        item.lastError ?? null,
        item.claimedBy ?? null,
        item.claimedUntil === undefined ? null : bound(item.claimedUntil),
        item.deliveredAt === undefined ? null : bound(item.deliveredAt),
      ],
    );
    return result.rowCount ?? 0;
  };

  const lockPlan = async <T>(planId: string, fn: () => Promise<T>): Promise<T> => {
    const { value } = await withAdvisoryLock(
      lockPool,
      advisoryKey(`vigie:plan:${schema}:${planId}`),
      // Losing this connection loses the lock while `fn` runs: say so loudly, the plan's work is unserialised then.
      { wait: true, onError: (error) => logger.error('plan lock connection lost', { planId, error }) },
      fn,
    );
    return value;
  };

  const store: Store = {
    plans: {
      list: async (scope: Scope) =>
        (
          await rows<{ data: Plan }>('SELECT data FROM plans WHERE scope_platform = $1 AND scope_workspace = $2 ORDER BY seq', [
            scope.platform,
            scope.workspace,
          ])
        ).map((r) => r.data),
      listActive: async () => (await rows<{ data: Plan }>("SELECT data FROM plans WHERE status = 'active' ORDER BY seq")).map((r) => r.data),
      get: async (scope, name) => {
        const found = await rows<{ data: Plan }>(
          'SELECT data FROM plans WHERE scope_platform = $1 AND scope_workspace = $2 AND name_key = $3 ORDER BY seq LIMIT 1',
          [scope.platform, scope.workspace, name.toLowerCase()],
        );
        return found[0]?.data;
      },
      getById: async (id) => (await rows<{ data: Plan }>('SELECT data FROM plans WHERE id = $1', [id]))[0]?.data,
      save: async (plan: Plan) => {
        try {
          await pool.query(
            `INSERT INTO plans (id, scope_platform, scope_workspace, name_key, status, data) VALUES ($1, $2, $3, $4, $5, $6::json)
             ON CONFLICT (id) DO UPDATE SET scope_platform = EXCLUDED.scope_platform, scope_workspace = EXCLUDED.scope_workspace,
               name_key = EXCLUDED.name_key, status = EXCLUDED.status, data = EXCLUDED.data`,
            [plan.id, plan.scope.platform, plan.scope.workspace, nameKey(plan), plan.status, json(plan)],
          );
        } catch (error) {
          if ((error as pg.DatabaseError).constraint === 'plans_name_per_workspace') {
            throw new StoreError('duplicate_name', `A plan named ${plan.name} already exists in this workspace.`, { cause: error });
          }
          throw error;
        }
      },
      remove: async (id) => {
        await transaction(async (client) => {
          await client.query('DELETE FROM plans WHERE id = $1', [id]);
          await client.query('DELETE FROM source_states WHERE plan_id = $1', [id]);
          // Seen ids are keyed `<planId>|…`: in the C collation that prefix is the range [`id|`, `id}`).
          await client.query('DELETE FROM seen WHERE source_key >= $1 AND source_key < $2', [`${id}|`, `${id}}`]);
          // The plan's own series and its competitors' (`<id>|competitor|…`, core/competitors.ts): the same range.
          const ofPlan = '(plan_id = $1 OR starts_with(plan_id, $2))';
          const keys = [id, `${id}|`];
          await client.query(`DELETE FROM buckets WHERE ${ofPlan}`, keys);
          await client.query(`DELETE FROM detector_states WHERE ${ofPlan}`, keys);
          // A removed plan leaves nothing behind: its incidents hold posts, authors and links (README, "Privacy").
          await client.query(`DELETE FROM threads WHERE incident_id IN (SELECT id FROM incidents WHERE ${ofPlan})`, keys);
          await client.query(`DELETE FROM incidents WHERE ${ofPlan}`, keys);
          await client.query('DELETE FROM feedback WHERE plan_id = $1', [id]);
          await client.query('DELETE FROM outbox WHERE plan_id = $1', [id]);
          // Corrections hold post text: they go with the plan whose evidence showed the post.
          await client.query('DELETE FROM corrections WHERE plan_id = $1', [id]);
          await client.query('DELETE FROM pending_samples WHERE plan_id = $1', [id]);
        });
      },
    },
    sources: {
      get: async (key) => (await rows<{ data: SourceState }>('SELECT data FROM source_states WHERE key = $1', [key]))[0]?.data,
      save: async (state: SourceState) => {
        await pool.query(
          `INSERT INTO source_states (key, plan_id, data) VALUES ($1, $2, $3::json)
           ON CONFLICT (key) DO UPDATE SET plan_id = EXCLUDED.plan_id, data = EXCLUDED.data`,
          [state.key, state.planId, json(state)],
        );
      },
      listForPlan: async (planId) =>
        (await rows<{ data: SourceState }>('SELECT data FROM source_states WHERE plan_id = $1 ORDER BY seq', [planId])).map((r) => r.data),
      removeForPlan: async (planId, keys) => {
        await transaction(async (client) => {
          const removed = await client.query<{ key: string }>(
            'DELETE FROM source_states WHERE plan_id = $1 AND ($2::text[] IS NULL OR key = ANY($2::text[])) RETURNING key',
            [planId, keys ?? null],
          );
          if (removed.rows.length > 0) await client.query('DELETE FROM seen WHERE source_key = ANY($1::text[])', [removed.rows.map((r) => r.key)]);
        });
      },
    },
    seen: {
      markNew: async (sourceKey, ids, now, keep = Number.POSITIVE_INFINITY) => {
        const unique = [...new Set(ids)];
        if (unique.length === 0) return [];
        const inserted = await rows<{ item_id: string }>(
          `INSERT INTO seen (source_key, item_id, seen_at) SELECT $1, id, $3 FROM unnest($2::text[]) AS id
           ON CONFLICT DO NOTHING RETURNING item_id`,
          [sourceKey, unique, bound(now)],
        );
        if (inserted.length > 0 && Number.isFinite(keep)) {
          await rows(
            `DELETE FROM seen WHERE source_key = $1 AND item_id IN (
               SELECT item_id FROM seen WHERE source_key = $1 ORDER BY seen_at DESC, item_id OFFSET $2)`,
            [sourceKey, Math.max(0, Math.floor(keep))],
          );
        }
        const fresh = new Set(inserted.map((r) => r.item_id));
        return unique.filter((id) => fresh.has(id));
      },
    },
    buckets: {
      add: async (planId, increments: Bucket[]) => {
        if (increments.length === 0) return;
        // One statement cannot update a row twice: fold increments of the same bucket first.
        const folded = new Map<number, Bucket>();
        for (const inc of increments) {
          const current = folded.get(inc.start);
          folded.set(
            inc.start,
            current
              ? {
                  start: inc.start,
                  total: current.total + inc.total,
                  negative: current.negative + inc.negative,
                  engagement: current.engagement + inc.engagement,
                }
              : inc,
          );
        }
        const list = [...folded.values()];
        await pool.query(
          `INSERT INTO buckets (plan_id, start, total, negative, engagement)
           SELECT $1, * FROM unnest($2::bigint[], $3::float8[], $4::float8[], $5::float8[])
           ON CONFLICT (plan_id, start) DO UPDATE SET total = buckets.total + EXCLUDED.total,
             negative = buckets.negative + EXCLUDED.negative, engagement = buckets.engagement + EXCLUDED.engagement`,
          [planId, list.map((b) => b.start), list.map((b) => b.total), list.map((b) => b.negative), list.map((b) => b.engagement)],
        );
      },
      range: async (planId, from, to) =>
        (
          await rows<{ start: string; total: number; negative: number; engagement: number }>(
            'SELECT start, total, negative, engagement FROM buckets WHERE plan_id = $1 AND start >= $2 AND start < $3 ORDER BY start',
            [planId, bound(from), bound(to)],
          )
        ).map((r) => ({ start: Number(r.start), total: r.total, negative: r.negative, engagement: r.engagement })),
    },
    evidence: {
      add: async (planId, byBucket, perBucket) => {
        const entries = [...byBucket].flatMap(([start, samples]) => samples.map((s) => ({ start, ...s })));
        if (entries.length === 0) return;
        await transaction(async (client) => {
          await client.query(
            `INSERT INTO pending_samples (plan_id, bucket_start, sample_id, weight, data)
             SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::float8[], $5::json[])
             ON CONFLICT (plan_id, bucket_start, sample_id) DO NOTHING`,
            [
              planId,
              entries.map((e) => bound(e.start)),
              entries.map((e) => e.sample.id),
              entries.map((e) => e.weight),
              entries.map((e) => json(e.sample)),
            ],
          );
          // Bounded per bucket: the heaviest are kept.
          await client.query(
            `DELETE FROM pending_samples p USING (
               SELECT bucket_start, sample_id, row_number() OVER (PARTITION BY bucket_start ORDER BY weight DESC, sample_id) AS rank
               FROM pending_samples WHERE plan_id = $1 AND bucket_start = ANY($2::bigint[])) r
             WHERE p.plan_id = $1 AND p.bucket_start = r.bucket_start AND p.sample_id = r.sample_id AND r.rank > $3`,
            [planId, [...byBucket.keys()].map(bound), perBucket],
          );
        });
      },
      take: async (planId, upTo) => {
        const taken = await rows<{ bucket_start: string; data: Sample; weight: number }>(
          'DELETE FROM pending_samples WHERE plan_id = $1 AND bucket_start <= $2 RETURNING bucket_start, data, weight',
          [planId, bound(upTo)],
        );
        const byBucket = new Map<number, Sample[]>();
        for (const r of taken.sort((a, b) => b.weight - a.weight)) {
          const start = Number(r.bucket_start);
          byBucket.set(start, [...(byBucket.get(start) ?? []), r.data]);
        }
        return byBucket;
      },
    },
    detector: {
      get: async (planId) => (await rows<{ state: unknown }>('SELECT state FROM detector_states WHERE plan_id = $1', [planId]))[0]?.state,
      save: async (planId, state) => {
        if (state === undefined) {
          await pool.query('DELETE FROM detector_states WHERE plan_id = $1', [planId]);
          return;
        }
        await pool.query(
          'INSERT INTO detector_states (plan_id, state) VALUES ($1, $2::json) ON CONFLICT (plan_id) DO UPDATE SET state = EXCLUDED.state',
          [planId, json(state)],
        );
      },
    },
    incidents: {
      get: async (id) => (await rows<{ data: Incident }>('SELECT data FROM incidents WHERE id = $1', [id]))[0]?.data,
      open: async (planId) =>
        (await rows<{ data: Incident }>("SELECT data FROM incidents WHERE plan_id = $1 AND status = 'open' ORDER BY seq LIMIT 1", [planId]))[0]?.data,
      save: async (incident: Incident) => {
        await pool.query(
          `INSERT INTO incidents (id, plan_id, status, opened_at, ends_at, data) VALUES ($1, $2, $3, $4, $5, $6::json)
           ON CONFLICT (id) DO UPDATE SET plan_id = EXCLUDED.plan_id, status = EXCLUDED.status, opened_at = EXCLUDED.opened_at,
             ends_at = EXCLUDED.ends_at, data = EXCLUDED.data`,
          [incident.id, incident.planId, incident.status, bound(incident.openedAt), bound(incidentEndsAt(incident)), json(incident)],
        );
      },
      list: async (planId, limit) =>
        (
          await rows<{ data: Incident }>('SELECT data FROM incidents WHERE plan_id = $1 ORDER BY opened_at DESC, seq LIMIT $2', [
            planId,
            Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : null,
          ])
        ).map((r) => r.data),
      // left() rather than LIKE: what a user typed is compared as text, with no wildcard to escape.
      withPrefix: async (prefix, limit) =>
        (
          await rows<{ data: Incident }>('SELECT data FROM incidents WHERE left(id, length($1)) = $1 ORDER BY id LIMIT $2', [
            prefix,
            Math.max(0, Math.floor(limit)),
          ])
        ).map((r) => r.data),
    },
    threads: {
      get: async (incidentId, platform) => {
        const found = await rows<{ ref: ThreadRef['ref'] }>('SELECT ref FROM threads WHERE incident_id = $1 AND platform = $2', [
          incidentId,
          platform,
        ]);
        return found[0] && { incidentId, platform, ref: found[0].ref };
      },
      save: async (ref: ThreadRef) => {
        await pool.query(
          'INSERT INTO threads (incident_id, platform, ref) VALUES ($1, $2, $3::json) ON CONFLICT (incident_id, platform) DO UPDATE SET ref = EXCLUDED.ref',
          [ref.incidentId, ref.platform, json(ref.ref)],
        );
      },
    },
    feedback: {
      add: async (feedback: Feedback) => {
        await pool.query('INSERT INTO feedback (plan_id, data) VALUES ($1, $2::json)', [feedback.planId, json(feedback)]);
      },
      list: async (planId) =>
        (await rows<{ data: Feedback }>('SELECT data FROM feedback WHERE plan_id = $1 ORDER BY seq', [planId])).map((r) => r.data),
    },
    outbox: {
      add: async (item: OutboxItem) => {
        await insertOutbox(item, '');
      },
      addOnce: async (item: OutboxItem) => (await insertOutbox(item, 'ON CONFLICT (id) DO NOTHING')) === 1,
      /**
       * Only the head of each incident's queue (its oldest undelivered message) can be claimed, so messages of an
       * incident go out in order. Heads being claimed by another instance right now are skipped (SKIP LOCKED); a
       * head it already committed is re-checked against its lease when the row lock is taken. A parent's first claim
       * is recorded in its payload (`firstTriedAt`, as in the embedded store).
       */
      claim: async (owner, now, leaseMs, limit) => {
        const claimed = await rows<OutboxRow>(
          `WITH picked AS (
             SELECT o.id FROM outbox o
             WHERE o.delivered_at IS NULL AND o.due_at <= $2
               AND NOT (o.claimed_until IS NOT NULL AND o.claimed_until > $2 AND o.claimed_by IS DISTINCT FROM $1)
               AND NOT EXISTS (
                 SELECT 1 FROM outbox p WHERE p.incident_id = o.incident_id AND p.delivered_at IS NULL
                   AND (p.created_at, p.seq) < (o.created_at, o.seq))
             ORDER BY o.created_at, o.seq
             LIMIT $4
             FOR UPDATE SKIP LOCKED)
           UPDATE outbox SET claimed_by = $1, claimed_until = $3,
             payload = CASE WHEN outbox.kind = 'open' AND outbox.payload::jsonb -> 'firstTriedAt' IS NULL
                            THEN (outbox.payload::jsonb || jsonb_build_object('firstTriedAt', $2::bigint))::json
                            ELSE outbox.payload END
           FROM picked WHERE outbox.id = picked.id
           RETURNING outbox.*`,
          [owner, bound(now), bound(now + leaseMs), Math.max(0, Math.floor(limit))],
        );
        return claimed.sort((a, b) => Number(a.created_at) - Number(b.created_at) || Number(a.seq) - Number(b.seq)).map(rowToOutboxItem);
      },
      delivered: async (id, now) => {
        await pool.query('UPDATE outbox SET delivered_at = $2, claimed_by = NULL, claimed_until = NULL WHERE id = $1', [id, bound(now)]);
      },
      retry: async (id, dueAt, error) => {
        await pool.query(
          'UPDATE outbox SET attempts = attempts + 1, due_at = $2, last_error = $3, claimed_by = NULL, claimed_until = NULL WHERE id = $1',
          [id, bound(dueAt), error],
        );
      },
      pending: async () => (await rows<OutboxRow>('SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY seq')).map(rowToOutboxItem),
    },
    installations: {
      get: async (platform, key) =>
        (await rows<{ value: Record<string, unknown> }>('SELECT value FROM installations WHERE platform = $1 AND key = $2', [platform, key]))[0]
          ?.value,
      save: async (platform, key, value) => {
        await pool.query(
          'INSERT INTO installations (platform, key, value) VALUES ($1, $2, $3::json) ON CONFLICT (platform, key) DO UPDATE SET value = EXCLUDED.value',
          [platform, key, json(value)],
        );
      },
      remove: async (platform, key) => {
        await pool.query('DELETE FROM installations WHERE platform = $1 AND key = $2', [platform, key]);
      },
      list: async (platform) =>
        (
          await rows<{ key: string; value: Record<string, unknown> }>('SELECT key, value FROM installations WHERE platform = $1 ORDER BY seq', [
            platform,
          ])
        ).map((r) => ({
          key: r.key,
          value: r.value,
        })),
    },
    nonces: {
      claim: async (nonce, expiresAt, now) => {
        if (now - noncesSweptAt >= NONCE_SWEEP_MS) {
          noncesSweptAt = now;
          await pool.query('DELETE FROM request_nonces WHERE expires_at <= $1', [bound(now)]);
        }
        // One statement, so that two instances receiving the same request cannot both accept it: the insert wins, or
        // takes over a row that has expired, or returns nothing (a replay).
        const { rowCount } = await pool.query(
          `INSERT INTO request_nonces (nonce, expires_at) VALUES ($1, $2)
           ON CONFLICT (nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE request_nonces.expires_at <= $3`,
          [nonce, bound(expiresAt), bound(now)],
        );
        return (rowCount ?? 0) > 0;
      },
    },
    corrections: {
      save: async (correction: Correction) => {
        // A new verdict on a post takes a new seq: lists stay ordered by when each verdict was given.
        await pool.query(
          `INSERT INTO corrections (scope_platform, scope_workspace, post_id, plan_id, data) VALUES ($1, $2, $3, $4, $5::json)
           ON CONFLICT (scope_platform, scope_workspace, post_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, data = EXCLUDED.data,
             seq = nextval(pg_get_serial_sequence('corrections', 'seq'))`,
          [correction.scope.platform, correction.scope.workspace, correction.postId, correction.planId, json(correction)],
        );
      },
      list: async (scope) =>
        (
          await rows<{ data: Correction }>('SELECT data FROM corrections WHERE scope_platform = $1 AND scope_workspace = $2 ORDER BY seq', [
            scope.platform,
            scope.workspace,
          ])
        ).map((r) => r.data),
      all: async () => (await rows<{ data: Correction }>('SELECT data FROM corrections ORDER BY seq')).map((r) => r.data),
    },
    /** One queue per plan inside this process, then a PostgreSQL advisory lock across processes. */
    withPlanLock: (planId, fn) => planLocks.run(planId, () => lockPlan(planId, fn)),
    prune: async (now): Promise<PruneReport> =>
      transaction(async (client) => {
        const seen = await client.query('DELETE FROM seen WHERE seen_at < $1', [bound(now - retention.seenMs)]);
        const buckets = await client.query('DELETE FROM buckets WHERE start < $1', [bound(now - retention.bucketMs)]);
        const incidents = await client.query("DELETE FROM incidents WHERE status <> 'open' AND ends_at < $1", [bound(now - retention.incidentMs)]);
        await client.query('DELETE FROM threads t WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = t.incident_id)');
        await client.query('DELETE FROM pending_samples WHERE bucket_start < $1', [bound(now - PENDING_SAMPLES_MS)]);
        const outbox = await client.query('DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < $1', [
          bound(now - DELIVERED_OUTBOX_MS),
        ]);
        return { seen: seen.rowCount ?? 0, buckets: buckets.rowCount ?? 0, incidents: incidents.rowCount ?? 0, outbox: outbox.rowCount ?? 0 };
      }),
    exportAll: () => exportPostgres(pool),
    importAll: (data) => importPostgres(pool, data),
    ping: async () => {
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        throw new StoreError('unavailable', `PostgreSQL does not answer: ${(error as Error).message}`, { cause: error });
      }
    },
    close: async () => {
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
  return store;
}
