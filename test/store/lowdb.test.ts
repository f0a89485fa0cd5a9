import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { emptyData } from '../../src/store/dump.js';
import { StoreError } from '../../src/store/errors.js';
import { DATA_FILE, createLowdbStore } from '../../src/store/lowdb.js';
import { planFixture, storeContract } from './contract.js';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'vigie-lowdb-'));
}

storeContract('lowdb', async () => {
  const dir = await tempDir();
  return { store: await createLowdbStore(dir), reopen: () => createLowdbStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('lowdb file', () => {
  it('writes a versioned file', async () => {
    const dir = await tempDir();
    try {
      const store = await createLowdbStore(dir);
      await store.plans.save(planFixture('p1', 'acme'));
      const data = JSON.parse(await readFile(path.join(dir, DATA_FILE), 'utf8'));
      expect(data.schemaVersion).toBe(1);
      expect(data.plans[0].name).toBe('acme');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a corrupt or newer file instead of overwriting it', async () => {
    const dir = await tempDir();
    try {
      await writeFile(path.join(dir, DATA_FILE), '{"schemaVersion": 1, "plans": [');
      await expect(createLowdbStore(dir)).rejects.toMatchObject({ code: 'unreadable' });
      expect(await readFile(path.join(dir, DATA_FILE), 'utf8')).toBe('{"schemaVersion": 1, "plans": [');
      await writeFile(path.join(dir, DATA_FILE), JSON.stringify({ schemaVersion: 99 }));
      await expect(createLowdbStore(dir)).rejects.toMatchObject({ code: 'unsupported_version' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // lowdb alone reads `null`, `0`, `false` and `""` as "no file" and writes an empty store over them.
  const implausible: Array<[string, string, string]> = [
    ['JSON null', 'null', 'invalid_data'],
    ['JSON null with a newline', 'null\n', 'invalid_data'],
    ['zero', '0', 'invalid_data'],
    ['false', 'false', 'invalid_data'],
    ['an empty string', '""', 'invalid_data'],
    ['an array', '[]', 'invalid_data'],
    ['an empty file', '', 'unreadable'],
    ['a truncated file', '{"schemaVersion":1,"plans":[{"id":"p1"', 'unreadable'],
    ['an object of another shape', '{"schemaVersion":1,"plans":{}}', 'invalid_data'],
    ['an object without a version', '{"plans":[]}', 'unsupported_version'],
  ];
  it.each(implausible)('refuses to start on a data file holding %s and leaves its bytes unchanged', async (_what, content, code) => {
    const dir = await tempDir();
    try {
      const file = path.join(dir, DATA_FILE);
      await writeFile(file, content);
      const before = await readFile(file);
      const error = await createLowdbStore(dir).then(
        () => undefined,
        (e: unknown) => e as StoreError,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect(error?.code).toBe(code);
      expect(error?.message).toContain(file);
      const said = error?.say ? t('en', error.say.key, error.say.params) : error?.message;
      expect(said).toContain(file);
      expect(await readFile(file)).toEqual(before);
      // The refusal gave the folder back: a fixed file opens.
      await writeFile(file, JSON.stringify(emptyData()));
      const store = await createLowdbStore(dir);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what a JSON null data file is, in the catalogue', async () => {
    const dir = await tempDir();
    try {
      await writeFile(path.join(dir, DATA_FILE), 'null');
      const error = (await createLowdbStore(dir).catch((e: unknown) => e)) as StoreError;
      expect(error.say?.key).toBe('lock.dataFile.notStore');
      expect(t('en', error.say!.key, error.say!.params)).toBe(
        `The data file ${path.join(dir, DATA_FILE)} holds a JSON null instead of Vigie's data: Vigie did not start, and the file was left untouched. Restore it from a backup, or move it away to start empty.`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves a readable file when the process is killed in the middle of writes', async () => {
    const dir = await tempDir();
    try {
      const store = await createLowdbStore(dir);
      await store.plans.save(planFixture('p1', 'acme'));
      // One writer per folder: the writer below takes the lock this store gives back, and each killed writer leaves
      // a stale lock that the next open takes over.
      await store.close();
      for (let round = 0; round < 2; round += 1) {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/write-loop.ts'), dir], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        await new Promise((r) => setTimeout(r, 150 + round * 70));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const reopened = await createLowdbStore(dir);
        expect((await reopened.plans.getById('p1'))?.name).toBe('acme');
        expect((await reopened.buckets.range('p1', 0, Number.MAX_SAFE_INTEGER)).length).toBeGreaterThan(0);
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
