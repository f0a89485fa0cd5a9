// `npm run build` (and `prepare`, so a git clone builds on `npm install`): compiles src/ to dist/ with tsc, then
// copies the files the compiled code reads at run time (model weights, lexicons and their licences, playbooks, SQL
// migrations, worker threads) to the same relative places. Plain JavaScript: it must run before any TypeScript tooling is used.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// Worker threads are plain .js in src/ (tsc does not compile them): copied as they are.
const ASSET = /\.(bin|json|yaml|sql)$|^LICENSE|-worker\.js$/;

function copyAssets(from, to) {
  let copied = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copied += copyAssets(source, target);
    else if (ASSET.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, target);
      copied += 1;
    }
  }
  return copied;
}

rmSync(dist, { recursive: true, force: true });
// The package's own bin, found beside its package.json (its `exports` do not list bin/).
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const copied = copyAssets(path.join(root, 'src'), dist);
console.log(`build: dist/ compiled, ${copied} run-time files copied`);
