import { existsSync } from 'node:fs';
import path from 'node:path';

/** What start-up read: the `.env` file's path, or the folder where none was found. */
export type EnvFileOutcome = { read: true; file: string } | { read: false; folder: string };

/**
 * The README's Quick start puts the tokens in `.env`: read it from the working folder before any setting is parsed.
 * Node's own reader never overrides a variable already set, so the real environment wins over the file.
 * A file that exists but cannot be read throws (the caller says so and stops), rather than silently running in local mode.
 */
export function loadEnvFile(folder: string = process.cwd()): EnvFileOutcome {
  const file = path.join(folder, '.env');
  if (!existsSync(file)) return { read: false, folder };
  process.loadEnvFile(file);
  return { read: true, file };
}
