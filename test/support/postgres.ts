import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server `.ci/run` prepares; the same default lets a developer run the tests against a local PostgreSQL. */
export const TEST_DATABASE_URL = process.env.VIGIE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigie_test';

async function answers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the PostgreSQL tests run. A user's clone without a server skips them with a message; CI (CI=true, where
 * `.ci/run` starts the server) never skips, so a database that stopped answering fails the build instead.
 */
export const POSTGRES_PRESENT: boolean = process.env.CI === 'true' || (await answers());
if (!POSTGRES_PRESENT) {
  const where = new URL(TEST_DATABASE_URL);
  console.warn(
    `[skipped] PostgreSQL does not answer at ${where.hostname}:${where.port || '5432'}${where.pathname} (set VIGIE_TEST_DATABASE_URL): the PostgreSQL tests are skipped.`,
  );
}

/** A fresh schema name per test: tests never see each other's tables. */
export function testSchemaName(prefix = 'vigie_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Drop schemas created by a test (its store's tables, pg-boss's queue). */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Run SQL as an administrator of the test database (inspection, simulated crashes). */
export async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
