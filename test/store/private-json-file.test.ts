import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLowdbStore, DATA_FILE } from '../../src/store/lowdb.js';
import { PrivateJSONFile } from '../../src/store/private-json-file.js';
import { emptyData, writeDump } from '../../src/store/dump.js';
import { planFixture } from './contract.js';

const modeOf = async (target: string): Promise<number> => (await stat(target)).mode & 0o777;

describe('the lowdb data folder and file are owner-only', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-private-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the folder 0700 and the data file 0600, and every write keeps 0600', async () => {
    const dir = path.join(root, 'data');
    const store = await createLowdbStore(dir);
    await store.plans.save(planFixture('p1', 'acme'));
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, DATA_FILE))).toBe(0o600);
    // The writer replaces the file by a rename: the new file must be private too, not only the first one.
    await store.installations.save('slack', 'T1', { bot: { token: 'xoxb-secret', id: 'B1', userId: 'U1' } });
    await store.plans.save(planFixture('p2', 'globex'));
    expect(await modeOf(path.join(dir, DATA_FILE))).toBe(0o600);
    await store.close();
    expect(await readdir(dir)).toEqual([DATA_FILE]);
  });

  it('narrows a folder and a file left open (0755, 0644) by an older version as soon as the store opens', async () => {
    const dir = path.join(root, 'old');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await writeFile(path.join(dir, DATA_FILE), JSON.stringify(emptyData()), { mode: 0o644 });
    await chmod(path.join(dir, DATA_FILE), 0o644);
    const store = await createLowdbStore(dir);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, DATA_FILE))).toBe(0o600);
    await store.close();
  });

  it('narrows a temporary file a crashed run left behind before writing into it', async () => {
    const file = path.join(root, DATA_FILE);
    await writeFile(path.join(root, `.${DATA_FILE}.tmp`), 'half a write', { mode: 0o666 });
    await chmod(path.join(root, `.${DATA_FILE}.tmp`), 0o666);
    await new PrivateJSONFile<{ n: number }>(file).write({ n: 1 });
    expect(await modeOf(file)).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 1 });
  });

  it('serialises concurrent writes and ends with the latest data', async () => {
    const file = path.join(root, DATA_FILE);
    const adapter = new PrivateJSONFile<{ n: number }>(file);
    const writes = Array.from({ length: 50 }, (_, n) => adapter.write({ n }));
    expect(writes).toHaveLength(50);
    await Promise.all(writes);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 49 });
    expect(await adapter.read()).toEqual({ n: 49 });
  });

  it('writes an export dump owner-only too: it holds the installations', async () => {
    const file = path.join(root, 'vigie-dump.json');
    await writeDump(file, emptyData());
    expect(await modeOf(file)).toBe(0o600);
  });
});
