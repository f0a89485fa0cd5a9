import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { DEFAULT_RETENTION } from '../../src/store/retention.js';
import { openStore, storeKind, storeLocation } from '../../src/store/select.js';
import { settingsFrom } from '../../src/app/settings.js';
import type { StoreSettings } from '../../src/store/select.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';
import { planFixture } from './contract.js';

describe('choosing the store', () => {
  it('keeps the embedded store without a database URL', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigie-select-'));
    try {
      const settings = settingsFrom(loadConfig({ VIGIE_DATA_DIR: dir })).store;
      expect(storeKind(settings)).toBe('lowdb');
      expect(storeLocation(settings)).toBe(`${dir} (embedded store)`);
      const store = await openStore(settings, { logger: silentLogger });
      await store.plans.save(planFixture('p1', 'acme'));
      expect((await store.exportAll()).plans).toHaveLength(1);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!POSTGRES_PRESENT)('opens PostgreSQL in its own schema when a database URL is given, and never shows the password', async () => {
    const schema = testSchemaName('vigie_select');
    const settings: StoreSettings = { databaseUrl: TEST_DATABASE_URL, schema, poolSize: 2, dataDir: '/unused', retention: DEFAULT_RETENTION };
    try {
      expect(storeKind(settings)).toBe('postgres');
      expect(storeLocation({ ...settings, databaseUrl: 'postgres://vigie:s3cret@db.internal:6432/prod' })).toBe(
        `PostgreSQL db.internal:6432/prod, schema ${schema}`,
      );
      const store = await openStore(settings, { logger: silentLogger, applicationName: 'vigie-select-test' });
      await store.plans.save(planFixture('p1', 'acme'));
      expect(await adminQuery(`SELECT id FROM ${schema}.plans`)).toEqual([{ id: 'p1' }]);
      await store.close();
    } finally {
      await dropSchemas(schema);
    }
  });
});
