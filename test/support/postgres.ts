import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server `.ci/run` prepares; the same default lets a developer run the tests against a local PostgreSQL. */
export const TEST_DATABASE_URL = process.env.VIGIE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigie_test';

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
