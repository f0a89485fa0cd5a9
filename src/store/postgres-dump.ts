import type pg from 'pg';
import type { Plan } from '../core/plan.js';
import type { Incident } from '../core/incident/incident.js';
import type { Feedback } from '../core/incident/feedback.js';
import type { ThreadRef } from '../core/incident/thread-ref.js';
import type { SourceState } from '../core/source-state.js';
import type { Correction } from '../core/corrections/correction.js';
import { emptyData } from './dump.js';
import type { StoreDump } from './dump.js';
import { StoreError } from './errors.js';
import { inTransaction } from './pg-client.js';
import { incidentEndsAt, nameKey, rowToOutboxItem } from './postgres-rows.js';
import type { OutboxRow } from './postgres-rows.js';

const TABLES = [
  'plans',
  'source_states',
  'seen',
  'buckets',
  'detector_states',
  'incidents',
  'threads',
  'feedback',
  'outbox',
  'installations',
  'corrections',
] as const;

/** Rows are sent as one array per column, so that a table of any size goes in a few statements. */
const CHUNK = 5_000;

/** Everything in the database, in the embedded store's shape, read from one consistent snapshot. */
export async function exportPostgres(pool: pg.Pool): Promise<StoreDump> {
  // A dropped connection fails the running query, which reports it: the listener only keeps the process up.
  return inTransaction(
    pool,
    () => undefined,
    async (client) => {
      const all = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => (await client.query<R>(text)).rows;
      const data = emptyData();
      data.plans = (await all<{ data: Plan }>('SELECT data FROM plans ORDER BY seq')).map((r) => r.data);
      for (const r of await all<{ key: string; data: SourceState }>('SELECT key, data FROM source_states ORDER BY seq')) data.sources[r.key] = r.data;
      for (const r of await all<{ source_key: string; item_id: string; seen_at: string }>('SELECT source_key, item_id, seen_at FROM seen')) {
        data.seen[r.source_key] ??= {};
        data.seen[r.source_key]![r.item_id] = Number(r.seen_at);
      }
      for (const r of await all<{ plan_id: string; start: string; total: number; negative: number; engagement: number }>(
        'SELECT * FROM buckets ORDER BY plan_id, start',
      )) {
        data.buckets[r.plan_id] ??= {};
        data.buckets[r.plan_id]![r.start] = [r.total, r.negative, r.engagement];
      }
      for (const r of await all<{ plan_id: string; state: unknown }>('SELECT plan_id, state FROM detector_states'))
        data.detector[r.plan_id] = r.state;
      data.incidents = (await all<{ data: Incident }>('SELECT data FROM incidents ORDER BY seq')).map((r) => r.data);
      data.threads = (
        await all<{ incident_id: string; platform: ThreadRef['platform']; ref: ThreadRef['ref'] }>(
          'SELECT incident_id, platform, ref FROM threads ORDER BY seq',
        )
      ).map((r) => ({
        incidentId: r.incident_id,
        platform: r.platform,
        ref: r.ref,
      }));
      data.feedback = (await all<{ data: Feedback }>('SELECT data FROM feedback ORDER BY seq')).map((r) => r.data);
      data.outbox = (await all<OutboxRow>('SELECT * FROM outbox ORDER BY seq')).map(rowToOutboxItem);
      for (const r of await all<{ platform: string; key: string; value: Record<string, unknown> }>(
        'SELECT platform, key, value FROM installations ORDER BY seq',
      )) {
        data.installations[r.platform] ??= {};
        data.installations[r.platform]![r.key] = r.value;
      }
      data.corrections = (await all<{ data: Correction }>('SELECT data FROM corrections ORDER BY seq')).map((r) => r.data);
      return data;
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

type Column = readonly [name: string, type: 'text' | 'bigint' | 'float8' | 'int' | 'json'];

async function insertRows(client: pg.PoolClient, table: string, columns: readonly Column[], rows: unknown[][]): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  // json travels as text and is cast after unnest (there is no json[] parameter type in pg's protocol use here).
  const params = columns.map(([, type], i) => `$${i + 1}::${type === 'json' ? 'text' : type}[]`).join(', ');
  const casts = columns.map(([name, type]) => (type === 'json' ? `${name}::json` : name)).join(', ');
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    const values = columns.map((_, i) => chunk.map((row) => row[i] ?? null));
    await client.query(`INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${params}) AS u(${names})`, values);
  }
}

const json = (value: unknown): string => JSON.stringify(value);

/** Load a dump into an empty database in one transaction: all of it or nothing. */
export async function importPostgres(pool: pg.Pool, data: StoreDump): Promise<void> {
  // A dropped connection fails the running query, which reports it: the listener only keeps the process up.
  await inTransaction(
    pool,
    () => undefined,
    async (client) => {
      for (const table of TABLES) {
        const { rows } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
        if (rows.length > 0) throw new StoreError('not_empty', `The database already holds data (table ${table}); import only into an empty store.`);
      }
      await insertRows(
        client,
        'plans',
        [
          ['id', 'text'],
          ['scope_platform', 'text'],
          ['scope_workspace', 'text'],
          ['name_key', 'text'],
          ['status', 'text'],
          ['data', 'json'],
        ],
        data.plans.map((p) => [p.id, p.scope.platform, p.scope.workspace, nameKey(p), p.status, json(p)]),
      );
      await insertRows(
        client,
        'source_states',
        [
          ['key', 'text'],
          ['plan_id', 'text'],
          ['data', 'json'],
        ],
        Object.entries(data.sources).map(([key, s]) => [key, s.planId, json(s)]),
      );
      await insertRows(
        client,
        'seen',
        [
          ['source_key', 'text'],
          ['item_id', 'text'],
          ['seen_at', 'bigint'],
        ],
        Object.entries(data.seen).flatMap(([key, ids]) => Object.entries(ids).map(([id, at]) => [key, id, at])),
      );
      await insertRows(
        client,
        'buckets',
        [
          ['plan_id', 'text'],
          ['start', 'bigint'],
          ['total', 'float8'],
          ['negative', 'float8'],
          ['engagement', 'float8'],
        ],
        Object.entries(data.buckets).flatMap(([planId, series]) =>
          Object.entries(series).map(([start, [total, negative, engagement]]) => [planId, start, total, negative, engagement]),
        ),
      );
      await insertRows(
        client,
        'detector_states',
        [
          ['plan_id', 'text'],
          ['state', 'json'],
        ],
        Object.entries(data.detector)
          .filter(([, state]) => state !== undefined)
          .map(([planId, state]) => [planId, json(state)]),
      );
      await insertRows(
        client,
        'incidents',
        [
          ['id', 'text'],
          ['plan_id', 'text'],
          ['status', 'text'],
          ['opened_at', 'bigint'],
          ['ends_at', 'bigint'],
          ['data', 'json'],
        ],
        data.incidents.map((i) => [i.id, i.planId, i.status, i.openedAt, incidentEndsAt(i), json(i)]),
      );
      await insertRows(
        client,
        'threads',
        [
          ['incident_id', 'text'],
          ['platform', 'text'],
          ['ref', 'json'],
        ],
        data.threads.map((t) => [t.incidentId, t.platform, json(t.ref)]),
      );
      await insertRows(
        client,
        'feedback',
        [
          ['plan_id', 'text'],
          ['data', 'json'],
        ],
        data.feedback.map((f) => [f.planId, json(f)]),
      );
      await insertRows(
        client,
        'outbox',
        [
          ['id', 'text'],
          ['incident_id', 'text'],
          ['plan_id', 'text'],
          ['platform', 'text'],
          ['kind', 'text'],
          ['payload', 'json'],
          ['created_at', 'bigint'],
          ['due_at', 'bigint'],
          ['attempts', 'int'],
          ['last_error', 'text'],
          ['claimed_by', 'text'],
          ['claimed_until', 'bigint'],
          ['delivered_at', 'bigint'],
        ],
        data.outbox.map((o) => [
          o.id,
          o.incidentId,
          o.planId,
          o.platform,
          o.kind,
          json(o.payload),
          o.createdAt,
          o.dueAt,
          o.attempts,
          o.lastError,
          o.claimedBy,
          o.claimedUntil,
          o.deliveredAt,
        ]),
      );
      await insertRows(
        client,
        'installations',
        [
          ['platform', 'text'],
          ['key', 'text'],
          ['value', 'json'],
        ],
        Object.entries(data.installations).flatMap(([platform, entries]) =>
          Object.entries(entries).map(([key, value]) => [platform, key, json(value)]),
        ),
      );
      await insertRows(
        client,
        'corrections',
        [
          ['scope_platform', 'text'],
          ['scope_workspace', 'text'],
          ['post_id', 'text'],
          ['plan_id', 'text'],
          ['data', 'json'],
        ],
        data.corrections.map((c) => [c.scope.platform, c.scope.workspace, c.postId, c.planId, json(c)]),
      );
    },
  );
}
