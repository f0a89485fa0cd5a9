import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { StoreError } from './errors.js';

export const LOCK_FILE = 'vigie.lock';
/** Held for the few milliseconds of a stale-lock takeover, so that two takers never both win. */
const TAKEOVER_FILE = 'vigie.lock.takeover';
/** A lock file still empty after this long was left by a process that died between creating and writing it. */
const HALF_WRITTEN_MS = 5_000;
/** A takeover file older than this was left by a process that died during the takeover. */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 20;
/** The holder touches its lock file this often: a sign of life that another machine or container can read. */
export const HEARTBEAT_MS = 15_000;
/**
 * A lock from another host (a shared folder, a container re-created with a new hostname) whose holder showed no sign
 * of life for this long is abandoned: its pid cannot be checked from here.
 */
export const ABANDONED_MS = 90_000;

/**
 * The locks this process holds. A lock file naming this pid but none of these was left by an earlier process that
 * had the same pid (pid 1 in a restarted container).
 */
const heldHere = new Set<string>();

export const LockHolderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.number(),
  /** What holds it: `vigie` (the bot or a one-off chat command), `vigie-import`, `vigie-export`. */
  owner: z.string(),
  /** This holding's own id: a release deletes the file only while it is still ours. */
  token: z.string(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

export interface DataDirLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

/** The data folder is held by another live process: nothing was opened, nothing written. */
export class DataDirLockedError extends StoreError {
  readonly dir: string;
  readonly holder: LockHolder | undefined;
  constructor(dir: string, holder: LockHolder | undefined) {
    super(
      'locked',
      holder
        ? `The data folder ${dir} is in use by ${holder.owner} (pid ${holder.pid} on ${holder.host}, since ${new Date(holder.startedAt).toISOString()}).`
        : `The data folder ${dir} is in use by another process.`,
      { say: holder ? lockedMessage(dir, holder) : { key: 'lock.heldUnknown', params: { dir } } },
    );
    this.dir = dir;
    this.holder = holder;
  }
}

function lockedMessage(dir: string, holder: LockHolder): NonNullable<StoreError['say']> {
  const params = { dir, pid: holder.pid, host: holder.host, owner: holder.owner, since: new Date(holder.startedAt).toISOString() };
  return holder.host === hostname()
    ? { key: 'lock.held', params }
    : { key: 'lock.heldElsewhere', params: { ...params, file: path.join(dir, LOCK_FILE), abandoned: ABANDONED_MS / 1000 } };
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/** Whether a process of this machine runs with that pid (EPERM: it runs, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isCode(error, 'ESRCH');
  }
}

/** What the lock file says: the holder, `undefined` when there is no file, `'unreadable'` when half-written or foreign. */
export async function readLockHolder(dir: string): Promise<LockHolder | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, LOCK_FILE), 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

async function ageMs(file: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Take over a lock whose holder is gone, under a second exclusive file: two processes that both found it stale
 * cannot both delete it (the second would delete the first one's fresh lock). The caller then tries again.
 */
async function takeOver(dir: string, stale: LockHolder | 'unreadable', logger: Logger): Promise<void> {
  const takeover = path.join(dir, TAKEOVER_FILE);
  if (!(await createExclusive(takeover, String(process.pid)))) {
    if (((await ageMs(takeover)) ?? 0) > TAKEOVER_STALE_MS) await unlink(takeover).catch(() => undefined);
    return;
  }
  try {
    const now = await readLockHolder(dir);
    const same = now === stale || (typeof now === 'object' && typeof stale === 'object' && now.token === stale.token);
    if (!same) return;
    await unlink(path.join(dir, LOCK_FILE));
    logger.warn(
      'stale data folder lock taken over: its holder is gone',
      typeof stale === 'object' ? { dir, pid: stale.pid, owner: stale.owner, since: new Date(stale.startedAt).toISOString() } : { dir, half: true },
    );
  } finally {
    await unlink(takeover).catch(() => undefined);
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a lock's holder is gone: on this host, its pid no longer runs (or it is this process's pid without being one
 * of its locks: an earlier process had the same pid); from another host, it showed no sign of life for ABANDONED_MS.
 */
async function abandoned(file: string, current: LockHolder, host: string): Promise<boolean> {
  if (current.host === host) return (current.pid === process.pid && !heldHere.has(current.token)) || !alive(current.pid);
  return ((await ageMs(file)) ?? 0) > ABANDONED_MS;
}

/** The holder's sign of life. A lock found taken by another is said loudly: someone deleted it by hand. */
async function beat(dir: string, holder: LockHolder, logger: Logger): Promise<void> {
  try {
    const current = await readLockHolder(dir);
    if (typeof current === 'object' && current.token === holder.token) {
      const now = new Date();
      await utimes(path.join(dir, LOCK_FILE), now, now);
      return;
    }
    logger.error('data folder lock lost: another process may be writing this folder', {
      dir,
      holder: typeof current === 'object' ? current.pid : current,
    });
  } catch (error) {
    logger.warn('data folder lock not refreshed', { dir, error });
  }
}

/**
 * One writer per data folder: an exclusive lock file (created with O_EXCL) naming its holder's pid, host and start
 * time, touched every HEARTBEAT_MS while held. A lock whose holder is gone (see `abandoned`) is taken over, with a
 * log line; a live one refuses with DataDirLockedError.
 */
export async function lockDataDir(dir: string, owner: string, logger: Logger): Promise<DataDirLock> {
  const file = path.join(dir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: Date.now(), owner, token: randomUUID() };
  // Known as ours before the file exists: another taker in this process that reads it while it is still being
  // written must not mistake it for an earlier process's lock with the same pid and take it over.
  heldHere.add(holder.token);
  try {
    return await acquire(dir, file, holder, logger);
  } catch (error) {
    heldHere.delete(holder.token);
    throw error;
  }
}

async function acquire(dir: string, file: string, holder: LockHolder, logger: Logger): Promise<DataDirLock> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createExclusive(file, `${JSON.stringify(holder)}\n`)) {
      const heartbeat = setInterval(() => {
        void beat(dir, holder, logger);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return {
        holder,
        release: async () => {
          clearInterval(heartbeat);
          heldHere.delete(holder.token);
          const current = await readLockHolder(dir);
          if (typeof current === 'object' && current.token === holder.token) await unlink(file).catch(() => undefined);
        },
      };
    }
    const current = await readLockHolder(dir);
    if (current === undefined) continue;
    if (current === 'unreadable') {
      // Being written by a process that just created it, or left empty by one that died right then.
      if (((await ageMs(file)) ?? 0) > HALF_WRITTEN_MS) await takeOver(dir, current, logger);
      else await pause(50);
      continue;
    }
    if (!(await abandoned(file, current, holder.host))) throw new DataDirLockedError(dir, current);
    await takeOver(dir, current, logger);
  }
  throw new DataDirLockedError(dir, undefined);
}
