import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { REPO_ROOT } from '../support/process.js';
import { linkProductionModules } from '../support/production-modules.js';
import { until } from '../support/wait.js';
import { scenarios } from '../core/respond/fixtures/incidents.js';

/**
 * The package as npm would install it: `npm pack`, unpacked in an empty folder beside only the production
 * dependencies, then run from a folder that is not the repository. A run-time file missing from the tarball (model
 * weights, playbooks, SQL migrations), a dependency kept in devDependencies but used at run time, or a path that
 * points back into src/ fails here.
 */
describe('the packed package', () => {
  let root: string;
  let bin: string;
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '',
    HOME: root,
    VIGIE_DATA_DIR: path.join(root, 'data'),
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const run = (args: string[], input = '', extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000, env: env(extra) });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'vigie-packed-'));
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { cwd: REPO_ROOT, encoding: 'utf8' }),
    ) as Array<{ filename: string }>;
    execFileSync('tar', ['-xzf', path.join(root, packed[0]!.filename), '-C', root]);
    expect(linkProductionModules(path.join(root, 'package')).length).toBeGreaterThan(10);
    bin = path.join(root, 'package', 'bin', 'vigie.js');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers --help and a subcommand’s --help', () => {
    const top = run(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('Usage: vigie <subcommand> [options]');
    const detect = run(['detect', '--help']);
    expect(detect.status).toBe(0);
    expect(detect.stdout).toContain('Usage: vigie detect');
  });

  it('starts in local mode, answers help on stdin, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'start'], { cwd: root, env: { ...env(), LOG_LEVEL: 'warn' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.write('help\n');
    await until(() => out.includes('`watch <plan> <query>`'), 30_000, 'the help reply');
    expect(out).toContain('Vigie is running in local mode');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('');
  });

  it('classifies with the shipped weights and drafts from the shipped playbooks', () => {
    const classified = run(['classify', '--lang', 'en'], '{"text":"worst airline ever, they lost my bags"}\n');
    expect(classified.status).toBe(0);
    expect(JSON.parse(classified.stdout)).toMatchObject({ label: 'negative', lang: 'en' });
    const delay = scenarios().find((s) => s.name === 'en-delay-medium')!;
    writeFileSync(path.join(root, 'incident.json'), JSON.stringify({ incident: delay.incident, plan: delay.plan }));
    const drafted = run(['suggest', '--incident', path.join(root, 'incident.json'), '--lang', 'fr']);
    expect(drafted.stderr).toBe('');
    expect(drafted.status).toBe(0);
    expect(drafted.stdout).toContain("== Déclaration d'attente");
  });

  it.skipIf(!POSTGRES_PRESENT)('migrates a PostgreSQL schema with the shipped SQL', async () => {
    const schema = testSchemaName('vigie_packed');
    try {
      const migrated = run(['migrate'], '', { DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: schema });
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toMatch(/version 0 → \d+/);
      expect(migrated.status).toBe(0);
    } finally {
      await dropSchemas(schema);
    }
  });
});
