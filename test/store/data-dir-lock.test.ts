import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { ABANDONED_MS, DataDirLockedError, HEARTBEAT_MS, LOCK_FILE, lockDataDir, readLockHolder } from '../../src/store/data-dir-lock.js';
import { createLowdbStore } from '../../src/store/lowdb.js';
import { planFixture } from './contract.js';

/** The pid of a process that ran and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the data folder lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is a file naming its holder, held from open to close, and refuses a second store meanwhile', async () => {
    const store = await createLowdbStore(dir, undefined, { owner: 'vigie' });
    const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), owner: 'vigie' });
    expect(holder.startedAt).toBeLessThanOrEqual(Date.now());

    const refused = await createLowdbStore(dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect(refused).toMatchObject({ code: 'locked', dir, holder: { pid: process.pid } });
    const said = t('en', (refused as DataDirLockedError).say!.key, (refused as DataDirLockedError).say!.params);
    expect(said).toContain(`The data folder ${dir} is in use by a running Vigie (vigie, pid ${process.pid}`);

    await store.plans.save(planFixture('p1', 'acme'));
    await store.close();
    expect(await readLockHolder(dir)).toBeUndefined();
    const again = await createLowdbStore(dir);
    expect((await again.plans.getById('p1'))?.name).toBe('acme');
    await again.close();
  });

  it('takes over the lock of a process that is gone, with a log line', async () => {
    const pid = await deadPid();
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid, host: hostname(), startedAt: Date.UTC(2026, 0, 1), owner: 'vigie', token: 'old' }),
    );
    const logs = new PassThrough();
    let logged = '';
    logs.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    const lock = await lockDataDir(dir, 'vigie', createLogger({ level: 'info', stream: logs }));
    expect(lock.holder.pid).toBe(process.pid);
    expect(await readLockHolder(dir)).toMatchObject({ pid: process.pid, token: lock.holder.token });
    const line = JSON.parse(logged.trim().split('\n')[0]!);
    expect(line).toMatchObject({ msg: 'stale data folder lock taken over: its holder is gone', pid, dir });
    await lock.release();
  });

  it('takes over a lock file left empty by a process that died while creating it, once it is old', async () => {
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await lockDataDir(dir, 'vigie-import', silentLogger);
    expect(await readLockHolder(dir)).toMatchObject({ owner: 'vigie-import', pid: process.pid });
    await lock.release();
  });

  it('refuses a live lock held from another machine or container, whose pid cannot be checked, and takes it over once it shows no sign of life', async () => {
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, JSON.stringify({ pid: 1234, host: 'other-host.example', startedAt: Date.UTC(2026, 0, 1), owner: 'vigie', token: 'x' }));
    const refused = (await lockDataDir(dir, 'vigie', silentLogger).catch((error: unknown) => error)) as DataDirLockedError;
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect(t('en', refused.say!.key, refused.say!.params)).toBe(
      `The data folder ${dir} is locked by pid 1234 on another machine or container (other-host.example, vigie, since 2026-01-01T00:00:00.000Z): nothing was done. A lock without a sign of life for ${ABANDONED_MS / 1000} s is taken over; to take it now, make sure no Vigie runs there and delete ${file}.`,
    );
    // A container re-created with a new hostname: the old one's lock stopped being touched.
    const silent = new Date(Date.now() - ABANDONED_MS - 1_000);
    await utimes(file, silent, silent);
    const lock = await lockDataDir(dir, 'vigie', silentLogger);
    expect(await readLockHolder(dir)).toMatchObject({ host: hostname(), pid: process.pid });
    await lock.release();
  });

  it('takes over a lock naming this very pid that this process does not hold (pid 1 in a restarted container)', async () => {
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: Date.UTC(2026, 0, 1), owner: 'vigie', token: 'previous-run' }),
    );
    const lock = await lockDataDir(dir, 'vigie', silentLogger);
    expect(await readLockHolder(dir)).toMatchObject({ pid: process.pid, token: lock.holder.token });
    // …while a lock this process does hold still refuses a second holder.
    await expect(lockDataDir(dir, 'vigie', silentLogger)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
  });

  it('touches its lock file while held: the sign of life another host reads', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const lock = await lockDataDir(dir, 'vigie', silentLogger);
      const file = path.join(dir, LOCK_FILE);
      const old = new Date(Date.now() - 60_000);
      await utimes(file, old, old);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      await vi.waitFor(async () => expect(Date.now() - (await stat(file)).mtimeMs).toBeLessThan(10_000));
      await lock.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives one of many simultaneous takers of a stale lock the folder, and refuses the others', async () => {
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: 0, owner: 'vigie', token: 'stale' }),
    );
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dir, 'vigie', silentLogger)));
    expect(attempts).toHaveLength(8);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected' && a.reason instanceof DataDirLockedError)).toHaveLength(7);
  });
});
