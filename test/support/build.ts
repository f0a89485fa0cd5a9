import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(path.join(ROOT, 'dist/cli/main.js')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Vitest global setup: the tests that start `vigie` as a process run the compiled bin, as users do. Build first when
 * dist/ is missing or older than a source file (after `npm ci` it is fresh, and nothing is rebuilt).
 */
export default function setup(): void {
  if (builtAt() > newestIn(path.join(ROOT, 'src'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
