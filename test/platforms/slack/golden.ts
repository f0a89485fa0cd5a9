import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * Compare a rendering with its committed golden file. `UPDATE_GOLDEN=1 npx vitest run test/platforms/slack` rewrites
 * them after an intended change; review the diff before committing.
 */
export function golden(name: string, value: unknown): { actual: unknown; expected: unknown } {
  const file = path.join(DIR, `${name}.json`);
  const actual = JSON.parse(JSON.stringify(value)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/platforms/slack`);
  return { actual, expected: JSON.parse(readFileSync(file, 'utf8')) as unknown };
}
