import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('leaves a readable file when the process is killed in the middle of writes', async () => {
    const dir = await tempDir();
    try {
      const store = await createLowdbStore(dir);
      await store.plans.save(planFixture('p1', 'acme'));
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
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
