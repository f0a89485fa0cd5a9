import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createLowdbStore } from '../../src/store/lowdb.js';
import { createPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';

const T0 = 1_800_000_000_000;

function nonceContract(kind: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>, skip = false) {
  describe.skipIf(skip)(`request nonces (${kind})`, () => {
    it('accepts a nonce once until it expires, then again', async () => {
      const { store, cleanup } = await open();
      try {
        expect(await store.nonces.claim('slack:v0=a', T0 + 600_000, T0)).toBe(true);
        expect(await store.nonces.claim('slack:v0=a', T0 + 600_000, T0 + 1_000)).toBe(false);
        expect(await store.nonces.claim('slack:v0=b', T0 + 600_000, T0 + 1_000)).toBe(true);
        expect(await store.nonces.claim('slack:v0=a', T0 + 1_200_000, T0 + 600_000)).toBe(true);
      } finally {
        await cleanup();
      }
    });

    it('gives a nonce claimed by several callers at once to exactly one', async () => {
      const { store, cleanup } = await open();
      try {
        const results = await Promise.all(Array.from({ length: 10 }, () => store.nonces.claim('slack:v0=race', T0 + 600_000, T0)));
        expect(results).toHaveLength(10);
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await cleanup();
      }
    });
  });
}

nonceContract('lowdb', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-nonces-'));
  const store = await createLowdbStore(dir);
  return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
});

const schemas: string[] = [];
nonceContract(
  'postgres',
  async () => {
    const schema = testSchemaName('vigie_nonces');
    schemas.push(schema);
    const store = await createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 4 });
    return { store, cleanup: () => store.close() };
  },
  !POSTGRES_PRESENT,
);

describe.skipIf(!POSTGRES_PRESENT)('request nonces in PostgreSQL expire', () => {
  afterAll(async () => {
    await dropSchemas(...schemas);
  });

  it('drops expired rows, so the table holds only the last minutes of requests', async () => {
    const schema = testSchemaName('vigie_nonces');
    schemas.push(schema);
    const store = await createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 2 });
    try {
      for (let i = 0; i < 20; i += 1) expect(await store.nonces.claim(`slack:v0=old${i}`, T0 + 300_000, T0)).toBe(true);
      expect((await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.request_nonces`))[0]?.n).toBe('20');
      // Ten minutes later the first claim of the instance sweeps what has expired.
      expect(await store.nonces.claim('slack:v0=new', T0 + 900_000, T0 + 600_000)).toBe(true);
      expect(await adminQuery<{ nonce: string }>(`SELECT nonce FROM ${schema}.request_nonces`)).toEqual([{ nonce: 'slack:v0=new' }]);
    } finally {
      await store.close();
    }
  });
});
