import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './process.js';

/**
 * What `npm ci --omit=dev` would install, offline: a node_modules folder in `dir` holding links to the repository's
 * copies of the production dependencies only (as npm lists them), so a run-time import of a dev dependency fails.
 * Returns the package names linked.
 */
export function linkProductionModules(dir: string): string[] {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .map((line) => path.relative(path.join(REPO_ROOT, 'node_modules'), line.trim()))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !rel.includes(`${path.sep}node_modules${path.sep}`));
  for (const name of production) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name));
  }
  return production;
}
