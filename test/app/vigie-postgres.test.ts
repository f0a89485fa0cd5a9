import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_FILE } from '../../src/store/lowdb.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';
import { testVigie } from '../support/vigie.js';

describe.skipIf(!POSTGRES_PRESENT)('Vigie configured with DATABASE_URL', () => {
  const storeSchema = testSchemaName('vigie_cfg');
  const queueSchema = testSchemaName('vigie_cfg_boss');
  const env = { DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: storeSchema, VIGIE_QUEUE_SCHEMA: queueSchema, VIGIE_DB_POOL_SIZE: '2' };
  afterAll(async () => {
    await dropSchemas(storeSchema, queueSchema);
  });

  it('keeps its plans in PostgreSQL and schedules polls with pg-boss, not in the data folder', async () => {
    const first = await testVigie(env);
    try {
      await first.vigie.start();
      expect((await first.say('watch acme "Acme Air" OR #acme')).text).toMatch(/acme/i);
      expect((await first.say('status')).text).toMatch(/acme/i);
      expect(await adminQuery(`SELECT name_key FROM ${storeSchema}.plans`)).toEqual([{ name_key: 'acme' }]);
      const queues = await adminQuery<{ name: string }>(`SELECT name FROM ${queueSchema}.queue WHERE name LIKE 'vigie-%' ORDER BY name`);
      expect(queues.map((q) => q.name)).toEqual(['vigie-poll', 'vigie-tick']);
      expect(existsSync(path.join(first.dataDir, DATA_FILE))).toBe(false);
    } finally {
      await first.close();
    }

    const second = await testVigie(env);
    try {
      expect((await second.say('list')).text).toMatch(/acme/);
    } finally {
      await second.close();
    }
  });
});
