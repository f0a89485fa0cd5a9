import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTROL_FILE } from '../../src/app/control-file.js';
import { silentLogger } from '../../src/log.js';
import { lockDataDir } from '../../src/store/data-dir-lock.js';
import { DATA_FILE } from '../../src/store/lowdb.js';
import { startVigie, type VigieProcess } from '../support/process.js';

/** A whole `vigie …` run to its end. */
async function vigieRun(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const run = startVigie(args, env);
  run.child.stdin.end();
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

/** `jobs` run with at most `width` at a time. */
async function limited<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

describe('one writer per data folder, with real processes', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let bot: VigieProcess | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-one-writer-'));
    // No polling during the test: it is about the store, not the sources.
    env = { VIGIE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', VIGIE_POLL_CRON: '0 0 1 1 *' };
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('carries out command-line writes through the running bot: N acknowledged writes from both sides, N on disk', async () => {
    bot = startVigie(['start'], env);
    await bot.waitFor(/local mode/);
    const control = await stat(path.join(dataDir, CONTROL_FILE));
    expect(control.mode & 0o777).toBe(0o600);

    const FROM_BOT = 30;
    const FROM_CLI = 10;
    const cli = limited(
      Array.from({ length: FROM_CLI }, (_, i) => () => vigieRun(['watch', `cli-${i}`, `Acme${i}`], env)),
      4,
    );
    for (let i = 0; i < FROM_BOT; i += 1) bot.send(`watch bot-${i} Globex${i}`);
    const runs = await cli;
    await bot.waitFor(new RegExp(`Plan \\*bot-${FROM_BOT - 1}\\* created`));

    expect(runs).toHaveLength(FROM_CLI);
    for (const [i, run] of runs.entries()) {
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(`Plan *cli-${i}* created`);
    }
    const fromBot = bot.stdout().match(/Plan \*bot-\d+\* created/g) ?? [];
    expect(fromBot).toHaveLength(FROM_BOT);

    // A second bot on the same folder refuses to start, and says why.
    const second = await vigieRun(['start'], env);
    expect(second.code).toBe(1);
    expect(second.err).toContain(`The data folder ${dataDir} is in use by a running Vigie (vigie, pid ${bot.child.pid}`);

    // Export while the bot runs: through the bot, with every plan.
    const exported = await vigieRun(['export', '--out', path.join(dataDir, 'export.json')], env);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.err).toContain(`through the running Vigie, pid ${bot.child.pid}`);
    expect(JSON.parse(await readFile(path.join(dataDir, 'export.json'), 'utf8')).plans).toHaveLength(FROM_BOT + FROM_CLI);

    expect(await bot.stop()).toBe(0);
    const onDisk = JSON.parse(await readFile(path.join(dataDir, DATA_FILE), 'utf8')) as { plans: Array<{ name: string }> };
    const names = onDisk.plans.map((p) => p.name).sort();
    const acknowledged = [
      ...Array.from({ length: FROM_BOT }, (_, i) => `bot-${i}`),
      ...Array.from({ length: FROM_CLI }, (_, i) => `cli-${i}`),
    ].sort();
    expect(names).toEqual(acknowledged);
    // The bot gave the folder back: no lock, no control file.
    await expect(stat(path.join(dataDir, CONTROL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(path.join(dataDir, 'vigie.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('imports a dump through the running bot, which then answers with its plans', async () => {
    bot = startVigie(['start'], env);
    await bot.waitFor(/local mode/);
    // A dump with one plan, made in another folder where no bot runs.
    const other = await mkdtemp(path.join(tmpdir(), 'vigie-one-writer-src-'));
    try {
      const otherEnv = { ...env, VIGIE_DATA_DIR: other };
      expect((await vigieRun(['watch', 'imported', 'Initech'], otherEnv)).code).toBe(0);
      expect((await vigieRun(['export', '--out', path.join(other, 'dump.json')], otherEnv)).code).toBe(0);
      const imported = await vigieRun(['import', '--in', path.join(other, 'dump.json')], env);
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out).toContain(`(through the running Vigie, pid ${bot.child.pid})`);
      bot.send('list');
      await bot.waitFor(/\*imported\*: active/);
      // A second import is refused by the bot (its store is no longer empty), with the store's reason and exit 1.
      const again = await vigieRun(['import', '--in', path.join(other, 'dump.json')], env);
      expect(again.code).toBe(1);
      expect(again.err).toContain(`The running Vigie (pid ${bot.child.pid}) refused the command: The store already holds data`);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a command, with a message and exit 1, while a process that takes no commands holds the folder', async () => {
    const lock = await lockDataDir(dataDir, 'vigie-import', silentLogger);
    try {
      const refused = await vigieRun(['watch', 'late', 'Acme'], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`The data folder ${dataDir} is in use by vigie-import (pid ${process.pid}`);
      expect(refused.err).toContain('nothing was done');
    } finally {
      await lock.release();
    }
    await expect(stat(path.join(dataDir, DATA_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);

  it('refuses to start on a JSON null data file and leaves it as it was', async () => {
    await writeFile(path.join(dataDir, DATA_FILE), 'null');
    const run = await vigieRun(['start'], env);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`The data file ${path.join(dataDir, DATA_FILE)} holds a JSON null instead of Vigie's data`);
    expect(await readFile(path.join(dataDir, DATA_FILE), 'utf8')).toBe('null');
  }, 60_000);
});
