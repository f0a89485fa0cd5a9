import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSecretsWith } from '../../src/cli/rotate-secrets.js';
import type { CliIO } from '../../src/cli/io.js';
import { t } from '../../src/i18n/catalog.js';
import { silentLogger } from '../../src/log.js';
import { createSlackInstallations } from '../../src/platforms/slack/installation-store.js';
import { DATA_FILE } from '../../src/store/lowdb.js';
import { DEFAULT_RETENTION } from '../../src/store/retention.js';
import { createSecretBox, type SecretKeys } from '../../src/store/secret-box.js';
import { openStore, type StoreSettings } from '../../src/store/select.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';

function bufferedIO(): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
  return { stdin: new PassThrough(), stdout, stderr, out: () => chunks.out, err: () => chunks.err };
}

function install(team: string, token: string): Installation {
  return {
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
    bot: { token, refreshToken: `xoxe-1-refresh-${team}`, scopes: ['commands'], id: 'B1', userId: 'UBOT' },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A1',
  } as Installation;
}

const KEY_OLD = randomBytes(32).toString('base64');
const KEY_NEW = randomBytes(32).toString('base64');

/** What is on disk or in the table, as text: a token must not appear in it. */
type RawText = () => Promise<string>;

async function storeWith(settings: StoreSettings, keys: SecretKeys, fn: (i: ReturnType<typeof createSlackInstallations>) => Promise<void>) {
  const store = await openStore(settings, { logger: silentLogger });
  try {
    await fn(createSlackInstallations(store.installations, silentLogger, createSecretBox(keys)));
  } finally {
    await store.close();
  }
}

function rotationFlow(kind: string, settings: () => StoreSettings, raw: () => RawText) {
  it(`${kind}: seals bot tokens at rest, reads them back, and rotates the key with rotate-secrets`, async () => {
    // One workspace installed before any key was set, one with the old key.
    await storeWith(settings(), {}, (i) => i.storeInstallation(install('T0', 'xoxb-plain-0000')));
    await storeWith(settings(), { key: KEY_OLD }, (i) => i.storeInstallation(install('T1', 'xoxb-sealed-1111')));
    const before = await raw()();
    expect(before).toContain('xoxb-plain-0000');
    expect(before).not.toContain('xoxb-sealed-1111');
    expect(before).not.toContain('xoxe-1-refresh-T1');
    expect(before).toContain('vigie-secret:v1:');

    const io = bufferedIO();
    expect(await rotateSecretsWith({ store: settings(), secrets: { key: KEY_NEW, previous: KEY_OLD } })([], io)).toBe(0);
    expect(io.out()).toContain('2 installations sealed with the current key, 0 already current, 0 failed');
    const after = await raw()();
    expect(after).not.toContain('xoxb-plain-0000');
    expect(after).not.toContain('xoxb-sealed-1111');

    // The new key alone now opens every token: the previous key can be removed.
    await storeWith(settings(), { key: KEY_NEW }, async (i) => {
      expect((await i.fetchInstallation({ teamId: 'T0', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-plain-0000');
      const t1 = await i.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
      expect(t1.bot?.token).toBe('xoxb-sealed-1111');
      expect(t1.bot?.refreshToken).toBe('xoxe-1-refresh-T1');
    });
    // The old key alone no longer does: the installation reads as absent (and is logged), never as garbage.
    await storeWith(settings(), { key: KEY_OLD }, async (i) => {
      await expect(i.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({
        code: 'slack_installation_not_found',
      });
    });

    const again = bufferedIO();
    expect(await rotateSecretsWith({ store: settings(), secrets: { key: KEY_NEW } })([], again)).toBe(0);
    expect(again.out()).toContain('0 installations sealed with the current key, 2 already current, 0 failed');
  });

  it(`${kind}: refuses to rotate without a key, and reports tokens no configured key opens`, async () => {
    const none = bufferedIO();
    expect(await rotateSecretsWith({ store: settings(), secrets: {} })([], none)).toBe(1);
    expect(none.err()).toContain(t('en', 'security.rotate.noKey'));
    const lost = bufferedIO();
    expect(await rotateSecretsWith({ store: settings(), secrets: { key: randomBytes(32).toString('hex') } })([], lost)).toBe(1);
    expect(lost.err()).toContain('secret_key_unknown');
  });
}

describe('vigie rotate-secrets (lowdb)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-rotate-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const settings = (): StoreSettings => ({ databaseUrl: undefined, schema: 'vigie', poolSize: 2, dataDir: root, retention: DEFAULT_RETENTION });
  rotationFlow('lowdb', settings, () => () => readFile(path.join(root, DATA_FILE), 'utf8'));
});

describe.skipIf(!POSTGRES_PRESENT)('vigie rotate-secrets (PostgreSQL)', () => {
  const schema = testSchemaName('vigie_rotate');
  afterAll(async () => {
    await dropSchemas(schema);
  });
  const settings = (): StoreSettings => ({
    databaseUrl: TEST_DATABASE_URL,
    schema,
    poolSize: 2,
    dataDir: '/nonexistent',
    retention: DEFAULT_RETENTION,
  });
  rotationFlow('postgres', settings, () => async () => {
    const rows = await adminQuery<{ value: unknown }>(`SELECT value FROM ${schema}.installations WHERE platform = 'slack'`);
    return JSON.stringify(rows);
  });
});
