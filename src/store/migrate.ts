import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { advisoryKey } from './advisory-key.js';
import { StoreError } from './errors.js';
import { checkout } from './pg-client.js';
import { checkSchemaName } from './schema-name.js';

/** The SQL files shipped with Vigie: `NNN_name.sql`, applied in order, each once. */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationReport {
  /** Version of the schema before and after. */
  from: number;
  to: number;
  applied: number[];
}

export interface MigrateOptions {
  schema: string;
  dir?: string;
  /** Stop at this version (tests of an upgrade from an older version). */
  target?: number;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export async function listMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new StoreError('invalid_data', `Migration file ${file} is not named NNN_name.sql.`);
    const version = Number(match[1]);
    // Numbers are assigned per feature ahead of time, so a release may skip some: they must only rise.
    const last = migrations.at(-1)?.version ?? 0;
    if (version <= last) throw new StoreError('invalid_data', `Migration ${file} breaks the sequence: expected a version above ${last}.`);
    migrations.push({ version, name: match[2]!, sql: await readFile(path.join(dir, file), 'utf8') });
  }
  return migrations;
}

/**
 * Bring Vigie's schema up to date. Everything runs in one transaction that first takes an advisory lock on the
 * schema, so instances starting together apply each migration once and a failed migration leaves nothing behind.
 */
export async function migrate(pool: pg.Pool, options: MigrateOptions): Promise<MigrationReport> {
  const schema = checkSchemaName(options.schema);
  const migrations = await listMigrations(options.dir);
  const target = options.target ?? Number.POSITIVE_INFINITY;
  const quoted = pg.escapeIdentifier(schema);
  // A dropped connection also fails the running query, which reports it: the listener only keeps the process up.
  const held = await checkout(pool, () => undefined).catch((error: unknown) => {
    throw new StoreError('unavailable', `Cannot reach PostgreSQL to migrate the schema "${schema}": ${(error as Error).message}`, { cause: error });
  });
  const { client } = held;
  let failed: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(`vigie:migrate:${schema}`)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const done = new Set(rows.map((r) => r.version));
    const from = rows.length === 0 ? 0 : Math.max(...done);
    const newest = migrations.at(-1)?.version ?? 0;
    if (from > newest) {
      throw new StoreError(
        'unsupported_version',
        `The database schema "${schema}" is at version ${from}; this Vigie knows versions up to ${newest}. Upgrade Vigie.`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version > target || done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, ...applied), applied };
  } catch (error) {
    failed = error;
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError('unavailable', `Could not migrate the database schema "${schema}": ${(error as Error).message}`, { cause: error });
  } finally {
    held.release(failed !== undefined);
  }
}
