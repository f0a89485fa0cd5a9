import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './process.js';

/** The benchmark and training data beside the repository (CI has it; a user's clone does not). */
export const SHARED_DATA = process.env.VIGIE_SHARED_DATA ?? path.resolve(REPO_ROOT, '../shared/data');

export function sharedData(relative: string): { path: string; present: boolean } {
  const full = path.join(SHARED_DATA, relative);
  const present = existsSync(full);
  if (!present) console.warn(`[skipped] ${relative} is not in ${SHARED_DATA}: the tests that need it are skipped.`);
  return { path: full, present };
}
