import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { startVigie } from '../support/process.js';
import { freePort } from '../support/wait.js';

describe.skipIf(!POSTGRES_PRESENT)('`vigie start` with DATABASE_URL', () => {
  const storeSchema = testSchemaName('vigie_proc');
  const queueSchema = testSchemaName('vigie_proc_boss');
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-pg-process-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await dropSchemas(storeSchema, queueSchema);
  });

  it('is ready once the database and pg-boss answer, stops cleanly on SIGTERM, and keeps its plans for the next instance', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      VIGIE_DB_SCHEMA: storeSchema,
      VIGIE_QUEUE_SCHEMA: queueSchema,
      VIGIE_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
    };
    const first = startVigie(['start'], env);
    try {
      await first.waitFor(/local mode \(data in PostgreSQL 127\.0\.0\.1:5432\/vigie_test, schema vigie_proc_/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', scheduler: 'ok' } });
      first.send('watch acme Acme');
      await first.waitFor(/Plan \*acme\* created/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // The log is on stderr as JSON lines (info and up): no "error" line there means none was logged.
    expect(first.stderr()).toMatch(/^\{.*"level":"info"/m);
    expect(first.stderr()).not.toMatch(/"level":"error"/);

    const second = startVigie(['list'], env);
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toMatch(/acme/);
  });
});
