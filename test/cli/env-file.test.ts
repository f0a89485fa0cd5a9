import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVigie } from '../support/process.js';

/** The README's Quick start: tokens and settings in `.env` in the folder `npm start` / `npx vigie` runs from. */
describe('.env at start-up', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vigie-envfile-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('`vigie start` reads .env, the real environment wins, and it says which file and which mode, and why', async () => {
    const fileData = path.join(folder, 'from-file');
    const envData = path.join(folder, 'from-env');
    await writeFile(path.join(folder, '.env'), `# settings\nVIGIE_DATA_DIR=${fileData}\nVIGIE_LOCALE=fr\nPORT=0\n`);
    const vigie = startVigie(['start'], { VIGIE_DATA_DIR: envData, LOG_LEVEL: 'info' }, { cwd: folder });
    try {
      await vigie.waitFor(/mode local \(/);
      expect(vigie.stdout()).toContain(`Réglages lus dans ${path.join(folder, '.env')}`);
      expect(vigie.stdout()).toContain('Mode local : aucun réglage Slack');
      // The environment's VIGIE_DATA_DIR beat the file's; the file's VIGIE_LOCALE was used.
      expect(vigie.stdout()).toContain(`données dans ${envData}`);
      const logLine = vigie
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; envFile?: string; modes?: string[]; reasons?: string[] })
        .find((line) => line.msg === 'settings read and mode chosen');
      expect(logLine).toMatchObject({ envFile: path.join(folder, '.env'), modes: ['local'] });
      expect(logLine?.reasons?.[0]).toContain('no Slack setting');
    } finally {
      expect(await vigie.stop()).toBe(0);
    }
  }, 60_000);

  it('says when there is no .env, and a Slack token in .env is used (not a silent local mode)', async () => {
    const none = startVigie(['start'], { VIGIE_DATA_DIR: path.join(folder, 'data'), PORT: '0', LOG_LEVEL: 'silent' }, { cwd: folder });
    try {
      await none.waitFor(/local mode \(/);
      expect(none.stdout()).toContain(`No .env file in ${folder}`);
    } finally {
      await none.stop();
    }
    // A bot token without a signing secret nor an app token: the settings check names what is missing, so the file was read.
    await writeFile(path.join(folder, '.env'), `SLACK_BOT_TOKEN=xoxb-1-2-abc\nVIGIE_DATA_DIR=${path.join(folder, 'data')}\n`);
    const slack = startVigie(['start'], { PORT: '0', LOG_LEVEL: 'silent' }, { cwd: folder });
    expect(await slack.exited).toBe(1);
    expect(slack.stderr()).toContain('SLACK_SIGNING_SECRET');
    expect(slack.stdout()).not.toContain('local mode');
  }, 60_000);

  it('`npx vigie <command>` reads .env too', async () => {
    const data = path.join(folder, 'data');
    await writeFile(path.join(folder, '.env'), `VIGIE_DATA_DIR=${data}\nLOG_LEVEL=silent\n`);
    const once = startVigie(['watch', 'acme', 'Acme'], {}, { cwd: folder });
    expect(await once.exited).toBe(0);
    expect(once.stdout()).toContain('acme');
    const saved = JSON.parse(await readFile(path.join(data, 'vigie.json'), 'utf8')) as { plans: Array<{ name: string }> };
    expect(saved.plans.map((p) => p.name)).toEqual(['acme']);
  }, 60_000);
});
