import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { MIGRATIONS_DIR, listMigrations, migrate } from '../../src/store/migrate.js';
import { createPostgresStore } from '../../src/store/postgres.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { planFixture } from './contract.js';

describe.skipIf(!POSTGRES_PRESENT)('database migrations', () => {
  let pool: pg.Pool;
  const schemas: string[] = [];
  const fresh = (): string => {
    const schema = testSchemaName('vigie_mig');
    schemas.push(schema);
    return schema;
  };
  const versions = async (schema: string) =>
    (
      await pool.query<{ version: number; name: string }>(
        `SELECT version, name FROM ${pg.escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
      )
    ).rows;

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
  });
  afterAll(async () => {
    await pool.end();
    await dropSchemas(...schemas);
  });

  it('builds the schema from an empty database, records each version, and applies nothing twice', async () => {
    const schema = fresh();
    const shipped = await listMigrations();
    const newest = shipped.at(-1)!.version;
    expect(await migrate(pool, { schema })).toEqual({ from: 0, to: newest, applied: shipped.map((m) => m.version) });
    expect(await versions(schema)).toEqual(shipped.map((m) => ({ version: m.version, name: m.name })));
    const tables = await pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      [
        'buckets',
        'corrections',
        'detector_states',
        'feedback',
        'incidents',
        'installations',
        'outbox',
        'pending_samples',
        'plans',
        'request_nonces',
        'schema_migrations',
        'seen',
        'source_states',
        'threads',
      ].sort(),
    );
    expect(await migrate(pool, { schema })).toEqual({ from: newest, to: newest, applied: [] });
    expect(await versions(schema)).toHaveLength(shipped.length);
  });

  it('lets instances that start together migrate once between them', async () => {
    const schema = fresh();
    const reports = await Promise.all(Array.from({ length: 4 }, () => migrate(pool, { schema })));
    expect(reports.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(await versions(schema)).toHaveLength((await listMigrations()).length);
  });

  describe('from the previous version', () => {
    let dir: string;
    beforeAll(async () => {
      // The shipped migrations plus a next one, as the next release would add it.
      dir = await mkdtemp(path.join(tmpdir(), 'vigie-migrations-'));
      for (const m of await listMigrations())
        await copyFile(
          path.join(MIGRATIONS_DIR, `${String(m.version).padStart(3, '0')}_${m.name}.sql`),
          path.join(dir, `${String(m.version).padStart(3, '0')}_${m.name}.sql`),
        );
      const next = String((await listMigrations()).at(-1)!.version + 1).padStart(3, '0');
      await writeFile(
        path.join(dir, `${next}_plan_owner.sql`),
        "ALTER TABLE plans ADD COLUMN owner text NOT NULL DEFAULT 'nobody';\nCREATE INDEX plans_owner ON plans (owner);\n",
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('upgrades a database in use and keeps its data', async () => {
      const schema = fresh();
      const store = await createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 2 });
      await store.plans.save(planFixture('p1', 'acme'));
      await store.seen.markNew('p1|rss|a', ['x'], 1);
      await store.close();
      const previous = (await versions(schema)).at(-1)!.version;
      const report = await migrate(pool, { schema, dir });
      expect(report).toEqual({ from: previous, to: previous + 1, applied: [previous + 1] });
      const owners = await pool.query(`SELECT id, owner FROM ${pg.escapeIdentifier(schema)}.plans`);
      expect(owners.rows).toEqual([{ id: 'p1', owner: 'nobody' }]);
      const again = await createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 2, migrate: false });
      expect((await again.plans.getById('p1'))?.name).toBe('acme');
      expect(await again.seen.markNew('p1|rss|a', ['x', 'y'], 2)).toEqual(['y']);
      await again.close();
    });

    it('refuses a database newer than this Vigie', async () => {
      const schema = fresh();
      await migrate(pool, { schema, dir });
      await expect(migrate(pool, { schema })).rejects.toMatchObject({ code: 'unsupported_version' });
    });

    it('rolls a failed migration back entirely', async () => {
      const schema = fresh();
      const broken = await mkdtemp(path.join(tmpdir(), 'vigie-migrations-broken-'));
      try {
        await copyFile(path.join(MIGRATIONS_DIR, '001_initial.sql'), path.join(broken, '001_initial.sql'));
        await writeFile(path.join(broken, '002_broken.sql'), 'CREATE TABLE extra (id int);\nSELECT no_such_function();\n');
        await expect(migrate(pool, { schema, dir: broken })).rejects.toMatchObject({ code: 'unavailable' });
        const left = await pool.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [schema]);
        expect(left.rows).toEqual([]);
      } finally {
        await rm(broken, { recursive: true, force: true });
      }
    });
  });
});

describe('migration files', () => {
  it('may skip numbers (each feature has its own), but never repeat one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigie-migrations-gap-'));
    try {
      await writeFile(path.join(dir, '001_first.sql'), 'SELECT 1;\n');
      await writeFile(path.join(dir, '007_later.sql'), 'SELECT 7;\n');
      expect((await listMigrations(dir)).map((m) => [m.version, m.name])).toEqual([
        [1, 'first'],
        [7, 'later'],
      ]);
      await writeFile(path.join(dir, '007_again.sql'), 'SELECT 7;\n');
      await expect(listMigrations(dir)).rejects.toMatchObject({ code: 'invalid_data' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
