import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWith } from '../../src/cli/export.js';
import { importWith } from '../../src/cli/import.js';
import { migrateWith } from '../../src/cli/migrate.js';
import type { CliIO } from '../../src/cli/io.js';
import { DATA_FILE, createLowdbStore } from '../../src/store/lowdb.js';
import { listMigrations } from '../../src/store/migrate.js';
import { DEFAULT_RETENTION } from '../../src/store/retention.js';
import type { StoreSettings } from '../../src/store/select.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { incidentFixture, planFixture } from '../store/contract.js';

function bufferedIO(): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
  return { stdin: new PassThrough(), stdout, stderr, out: () => chunks.out, err: () => chunks.err };
}

const DAY = 86_400_000;

describe.skipIf(!POSTGRES_PRESENT)('vigie export / import / migrate', () => {
  let root: string;
  const schema = testSchemaName('vigie_cli');
  const lowdb = (dir: string): StoreSettings => ({
    databaseUrl: undefined,
    schema: 'vigie',
    poolSize: 2,
    dataDir: path.join(root, dir),
    retention: DEFAULT_RETENTION,
  });
  const postgres: StoreSettings = { databaseUrl: TEST_DATABASE_URL, schema, poolSize: 2, dataDir: '/nonexistent', retention: DEFAULT_RETENTION };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-cli-dump-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await dropSchemas(schema);
  });

  it('moves all data from lowdb to PostgreSQL and back without loss', async () => {
    const original = await createLowdbStore(lowdb('before').dataDir);
    const now = 1_800_000_000_000;
    await original.plans.save(planFixture('p1', 'Acmé Café'));
    await original.plans.save({ ...planFixture('p2', 'globex', 'T2'), status: 'paused' });
    await original.sources.save({
      key: 'p1|rss|https://blog.example/feed',
      planId: 'p1',
      cursor: { since: now - DAY, ids: ['a', 'b'] },
      lastModified: 'Tue, 24 Nov 2026 08:00:00 GMT',
      health: { consecutiveFailures: 0, lastSuccessAt: now, totalItems: 412 },
    });
    for (let poll = 0; poll < 30; poll += 1) {
      await original.seen.markNew(
        'p1|rss|https://blog.example/feed',
        Array.from({ length: 40 }, (_, i) => `guid-${poll}-${i}`),
        now - poll * 300_000,
      );
    }
    await original.buckets.add(
      'p1',
      Array.from({ length: 500 }, (_, i) => ({ start: now - i * 300_000, total: i % 7, negative: i % 3, engagement: i * 11 })),
    );
    await original.detector.save('p1', {
      version: 3,
      seasonal: [
        [0.1, 2.5e-7],
        [1e21, -0.333],
      ],
      cursor: now,
    });
    const incident = incidentFixture('i1', 'p1', now - DAY);
    await original.incidents.save({
      ...incident,
      samples: [
        {
          id: 's1',
          sourceKind: 'rss',
          url: 'https://news.example/1',
          author: 'زينب',
          text: 'Acmé a perdu mes bagages 😡 « honteux » \\ "quoted"\n— ligne 2',
          publishedAt: now - DAY,
          sentiment: 'negative',
          confidence: 0.93,
        },
      ],
      alertedAt: now - DAY + 1000,
    } as typeof incident);
    await original.incidents.save(incidentFixture('i0', 'p1', now - 40 * DAY, 'resolved'));
    await original.threads.save({ incidentId: 'i1', platform: 'slack', ref: { channel: 'C1', ts: '1700000000.000100' } });
    await original.feedback.add({ planId: 'p1', incidentId: 'i0', kind: 'not_crisis', by: 'U1', at: now - 39 * DAY, observed: 30, expected: 4 });
    await original.outbox.add({
      id: 'o1',
      incidentId: 'i1',
      planId: 'p1',
      platform: 'slack',
      kind: 'open',
      payload: {},
      createdAt: now - DAY,
      dueAt: now - DAY,
      attempts: 0,
    });
    await original.outbox.add({
      id: 'o2',
      incidentId: 'i1',
      planId: 'p1',
      platform: 'slack',
      kind: 'suggestions',
      payload: { suggestion: { title: 'x' } },
      createdAt: now - DAY,
      dueAt: now,
      attempts: 2,
      lastError: 'rate_limited: slow down',
    });
    await original.outbox.delivered('o1', now - DAY + 500);
    await original.installations.save('slack', 'T1', { botToken: 'xoxb-not-a-real-token', teamName: 'Équipe' });
    const before = await original.exportAll();
    await original.close();

    const toPostgres = bufferedIO();
    expect(await exportWith(lowdb('before'))(['--out', path.join(root, 'from-lowdb.json')], toPostgres)).toBe(0);
    expect(toPostgres.err()).toContain('2 plans');
    const intoPostgres = bufferedIO();
    expect(await importWith(postgres)(['--in', path.join(root, 'from-lowdb.json')], intoPostgres)).toBe(0);
    expect(intoPostgres.out()).toContain(`schema ${schema}`);

    const again = bufferedIO();
    expect(await importWith(postgres)(['--in', path.join(root, 'from-lowdb.json')], again)).toBe(1);
    expect(again.err()).toMatch(/already holds data/);

    const fromPostgres = bufferedIO();
    expect(await exportWith(postgres)(['--out', path.join(root, 'from-postgres.json')], fromPostgres)).toBe(0);
    expect(await importWith(lowdb('after'))(['--in', path.join(root, 'from-postgres.json')], bufferedIO())).toBe(0);

    const after = JSON.parse(await readFile(path.join(lowdb('after').dataDir, DATA_FILE), 'utf8'));
    expect(after).toEqual(before);
    expect(JSON.parse(await readFile(path.join(root, 'from-postgres.json'), 'utf8'))).toEqual(before);
  });

  it('explains a missing or broken dump file', async () => {
    const missing = bufferedIO();
    expect(await importWith(lowdb('x'))(['--in', path.join(root, 'nope.json')], missing)).toBe(1);
    expect(missing.err()).toMatch(/Cannot read the dump/);
    const none = bufferedIO();
    expect(await importWith(lowdb('x'))([], none)).toBe(2);
    expect(none.err()).toMatch(/Usage: vigie import/);
  });

  it('migrates the database on demand and says when there is nothing to do', async () => {
    const noDatabase = bufferedIO();
    expect(await migrateWith(lowdb('x'))([], noDatabase)).toBe(1);
    expect(noDatabase.err()).toMatch(/DATABASE_URL is not set/);
    const other = { ...postgres, schema: testSchemaName('vigie_cli_mig') };
    try {
      const latest = (await listMigrations()).at(-1)!.version;
      const first = bufferedIO();
      expect(await migrateWith(other)([], first)).toBe(0);
      expect(first.out()).toContain(`version 0 → ${latest}`);
      const second = bufferedIO();
      expect(await migrateWith(other)([], second)).toBe(0);
      expect(second.out()).toContain(`is up to date (version ${latest})`);
      const unreachable = bufferedIO();
      expect(await migrateWith({ ...other, databaseUrl: 'postgres://postgres@127.0.0.1:1/none' })([], unreachable)).toBe(1);
      expect(unreachable.err()).toMatch(/^vigie: Cannot reach PostgreSQL/);
    } finally {
      await dropSchemas(other.schema);
    }
  });
});
