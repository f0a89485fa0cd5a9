import { chmod, type FileHandle, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** Owner only: the data file holds workspace installations (bot tokens) and every plan. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * The data folder, created owner-only, and narrowed to owner-only when an older version left it open (0755).
 * A folder we may not chmod (a mounted volume owned by another user) is left as it is: the files inside are still
 * created 0600.
 */
export async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await narrow(dir, PRIVATE_DIR_MODE);
}

/** A file left readable by others (0644, by an older version) narrowed to owner-only; a missing one is fine. */
export function narrowToOwner(file: string): Promise<void> {
  return narrow(file, PRIVATE_FILE_MODE);
}

async function narrow(target: string, mode: number): Promise<void> {
  try {
    await chmod(target, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOENT') throw error;
  }
}

/**
 * lowdb's JSON file adapter, but private: steno (lowdb's writer) creates its temporary file with the default mode,
 * so every write left a world-readable (0644) file behind after the rename. Here the temporary file is created 0600
 * (a crashed run's leftover is removed first, never reused with its mode) before a byte is written, then renamed over the data file,
 * so a crash mid-write still leaves the previous file whole. Writes are serialised; calls made while one is on disk
 * are folded into the next write, which takes the latest data.
 */
export class PrivateJSONFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #temp: string;
  #latest = '';
  #tail: Promise<void> = Promise.resolve();
  #next: Promise<void> | undefined;

  constructor(file: string) {
    this.#file = file;
    this.#temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // A file written by an older version (0644) is narrowed as soon as it is opened.
    await narrowToOwner(this.#file);
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    this.#latest = JSON.stringify(data, null, 2);
    if (this.#next !== undefined) return this.#next;
    const next = this.#tail
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.#writeNow(this.#latest);
      });
    this.#next = next;
    this.#tail = next;
    return next;
  }

  async #writeNow(text: string): Promise<void> {
    const handle = await this.#createTemp();
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await rename(this.#temp, this.#file);
  }

  /** Created exclusively, so the 0600 mode always applies; a leftover from a crashed run is removed first. */
  async #createTemp(): Promise<FileHandle> {
    try {
      return await open(this.#temp, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await rm(this.#temp, { force: true });
      return open(this.#temp, 'wx', PRIVATE_FILE_MODE);
    }
  }
}
