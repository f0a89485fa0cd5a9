/**
 * Several Vigie instances on one PostgreSQL database: 1, 2 and 4 instances (each its own process, as deployed)
 * share 2,000 plans polling local fake RSS hosts. Prints, per configuration:
 *   - first round: time for every plan's first poll (history ingest, detector baseline);
 *   - polls per minute at capacity (every source due at every tick: the queue never runs dry);
 *   - alert latency p50/p95 for 20 plans that spike at once, from the moment the spike's bucket is closed (the
 *     detector's clock crosses it, with every other source due at the same tick, as a cron tick does) to the post;
 *   - database load over the capacity window (pg_stat_database deltas: transactions ≈ statements, rows);
 *   - duplicate parent alerts (must be 0) and alerts on plans without a spike.
 * Run: npm run bench:scale [-- --plans 2000 --window 20 --database-url postgres://…]
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { newPlan } from '../src/core/commands/plan-edits.js';
import { silentLogger } from '../src/log.js';
import { emptyData } from '../src/store/dump.js';
import { createPostgresStore } from '../src/store/postgres.js';
import { startFeedServer } from '../test/fakes/feed-server.js';
import type { FakeFeedItem, FeedServer } from '../test/fakes/feed-server.js';
import type { FromInstance, ToInstance } from './scale-instance.js';
import { ANGRY, CALM, acmePost } from '../test/support/burst.js';
import { until } from '../test/support/wait.js';

const { values: args } = parseArgs({
  options: {
    plans: { type: 'string', default: '2000' },
    spiky: { type: 'string', default: '20' },
    window: { type: 'string', default: '20' },
    instances: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '8' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/vigie_test' },
  },
});
const PLANS = Number(args.plans);
const SPIKY = Number(args.spiky);
const WINDOW_MS = Number(args.window) * 1000;
const CONCURRENCY = Number(args.concurrency);
const DATABASE_URL = args['database-url']!;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function history(now: number, spanMs: number, stepMs: number): FakeFeedItem[] {
  const items: FakeFeedItem[] = [];
  for (let at = now - spanMs; at < now - 10 * MINUTE; at += stepMs) items.push(acmePost(items.length, at, CALM));
  return items;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface DbStats {
  xact: number;
  returned: number;
  fetched: number;
  written: number;
}

async function dbStats(admin: pg.Client): Promise<DbStats> {
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await admin.query(
    `SELECT xact_commit + xact_rollback AS xact, tup_returned AS returned, tup_fetched AS fetched,
            tup_inserted + tup_updated + tup_deleted AS written
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const r = rows[0] as Record<string, string>;
  return { xact: Number(r.xact), returned: Number(r.returned), fetched: Number(r.fetched), written: Number(r.written) };
}

interface Instance {
  child: ChildProcess;
  send(message: ToInstance): void;
}

interface Result {
  instances: number;
  firstRoundS: number;
  pollsPerMinute: number;
  p50: number;
  p95: number;
  alerted: number;
  duplicates: number;
  falseAlerts: number;
  xactPerS: number;
  writtenPerS: number;
  readPerS: number;
}

async function run(count: number, admin: pg.Client): Promise<Result> {
  const tag = randomBytes(4).toString('hex');
  const storeSchema = `vigie_bench_${tag}`;
  const bossSchema = `vigie_bench_boss_${tag}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-bench-scale-'));
  const start = Date.now();
  const calmFeed: FeedServer = await startFeedServer({ items: history(start, 10 * HOUR, 30 * MINUTE) });
  const spikyHistory = history(start, 60 * HOUR, 12 * MINUTE);
  const spikyFeed: FeedServer = await startFeedServer({ items: spikyHistory });
  const children: Instance[] = [];
  const posts: Array<{ kind: string; incidentId: string; at: number }> = [];
  try {
    const store = await createPostgresStore(DATABASE_URL, { schema: storeSchema, poolSize: 2, logger: silentLogger });
    const dump = emptyData();
    for (let i = 0; i < PLANS; i += 1) {
      const spiky = i < SPIKY;
      const plan = newPlan({
        id: `plan-${i}`,
        name: `plan-${String(i).padStart(4, '0')}`,
        brand: 'Acme',
        scope: { platform: 'local', workspace: 'bench' },
        destination: { platform: 'local', workspace: 'bench', channel: 'terminal' },
        locale: 'en',
        by: 'bench',
        at: start,
      });
      dump.plans.push({ ...plan, sources: [{ kind: 'rss', arg: `${spiky ? spikyFeed.url : calmFeed.url}/rss.xml?plan=${i}` }] });
    }
    await store.importAll(dump);
    await store.close();

    for (let i = 0; i < count; i += 1) {
      const child = fork(path.join(import.meta.dirname, 'scale-instance.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const ready = new Promise<void>((resolve, reject) => {
        child.on('message', (message: FromInstance) => {
          if (message.type === 'ready') resolve();
          if (message.type === 'posted') posts.push(message);
        });
        child.once('exit', (code) => reject(new Error(`instance ${i} exited with ${code}`)));
      });
      const instance = { child, send: (message: ToInstance) => void child.send(message) };
      instance.send({
        type: 'start',
        name: `i${i}`,
        databaseUrl: DATABASE_URL,
        storeSchema,
        bossSchema,
        dataDir,
        concurrency: CONCURRENCY,
        poolSize: 4,
      });
      children.push(instance);
      await ready;
    }
    let offset = 0;
    const setClock = (ms: number): void => {
      offset = ms;
      for (const c of children) c.send({ type: 'clock', offset });
    };
    const polled = async (): Promise<number> =>
      Number(
        (await admin.query(`SELECT count(*) AS n FROM ${storeSchema}.source_states WHERE (data->'health'->>'lastSuccessAt') IS NOT NULL`)).rows[0].n,
      );
    const queued = async (): Promise<number> =>
      Number((await admin.query(`SELECT count(*) AS n FROM ${bossSchema}.job WHERE name = 'vigie-poll' AND state < 'completed'`)).rows[0].n);

    const firstRoundStart = Date.now();
    await until(async () => (await polled()) >= PLANS, 600_000, 'the first poll of every plan', 250);
    const firstRoundS = (Date.now() - firstRoundStart) / 1000;
    await until(async () => (await queued()) === 0, 120_000, 'the queue to drain', 250);

    // Capacity: each second the clock moves past every source's minimum interval, so every source is due again.
    const requestsBefore = calmFeed.requests.length + spikyFeed.requests.length;
    const statsBefore = await dbStats(admin);
    const windowStart = Date.now();
    while (Date.now() - windowStart < WINDOW_MS) {
      setClock(offset + 61_000);
      await sleep(1_000);
    }
    const elapsedS = (Date.now() - windowStart) / 1000;
    const statsAfter = await dbStats(admin);
    const polls = calmFeed.requests.length + spikyFeed.requests.length - requestsBefore;
    await until(async () => (await queued()) === 0, 300_000, 'the queue to drain after the capacity window', 250);

    // Latency: the spike is in the feeds, then the clock crosses the close of its buckets with every source due.
    const spikeAt = Date.now() + offset;
    spikyFeed.setItems([
      ...spikyHistory,
      ...Array.from({ length: 45 }, (_, i) => acmePost(spikyHistory.length + i, spikeAt - 4 * MINUTE + i * 5_000, ANGRY)),
    ]);
    await sleep(1_500);
    const closedAt = Date.now();
    setClock(offset + 15 * MINUTE);
    // A spike that is not alerted within five minutes shows as fewer alerted plans, not as a crash of the bench.
    const alertDeadline = Date.now() + 300_000;
    while (new Set(posts.filter((p) => p.kind === 'open' && p.at >= closedAt).map((p) => p.incidentId)).size < SPIKY && Date.now() < alertDeadline)
      await sleep(250);
    await sleep(3_000);
    const opens = posts.filter((p) => p.kind === 'open');
    const byIncident = new Map<string, number>();
    for (const p of opens) byIncident.set(p.incidentId, (byIncident.get(p.incidentId) ?? 0) + 1);
    const plansOf = await admin.query<{ id: string; plan_id: string }>(
      `SELECT id, plan_id FROM ${storeSchema}.incidents WHERE id = ANY($1::text[])`,
      [[...byIncident.keys()]],
    );
    const spikyIds = new Set(Array.from({ length: SPIKY }, (_, i) => `plan-${i}`));
    const firstPost = new Map<string, number>();
    for (const p of opens) if (p.at >= closedAt && !firstPost.has(p.incidentId)) firstPost.set(p.incidentId, p.at - closedAt);
    const latencies = plansOf.rows
      .filter((r) => spikyIds.has(r.plan_id))
      .map((r) => firstPost.get(r.id)!)
      .filter((v) => v !== undefined);
    return {
      instances: count,
      firstRoundS,
      pollsPerMinute: (polls / elapsedS) * 60,
      p50: percentile(latencies, 50) / 1000,
      p95: percentile(latencies, 95) / 1000,
      alerted: latencies.length,
      duplicates: [...byIncident.values()].reduce((n, c) => n + c - 1, 0),
      falseAlerts: plansOf.rows.filter((r) => !spikyIds.has(r.plan_id)).length,
      xactPerS: (statsAfter.xact - statsBefore.xact) / elapsedS,
      writtenPerS: (statsAfter.written - statsBefore.written) / elapsedS,
      readPerS: (statsAfter.returned + statsAfter.fetched - statsBefore.returned - statsBefore.fetched) / elapsedS,
    };
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              c.child.kill('SIGKILL');
              resolve();
            }, 45_000);
            c.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            c.send({ type: 'stop' });
          }),
      ),
    );
    await calmFeed.close();
    await spikyFeed.close();
    await rm(dataDir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${storeSchema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
  }
}

const admin = new pg.Client({ connectionString: DATABASE_URL, application_name: 'bench-admin' });
await admin.connect();
const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL ${version} on the same machine`,
);
console.log(
  `Plans: ${PLANS} (${SPIKY} spike at once), one RSS source each on local fake hosts, 5-minute buckets, ${CONCURRENCY} poll workers per instance`,
);
const results: Result[] = [];
for (const count of args.instances!.split(',').map(Number)) {
  const result = await run(count, admin);
  results.push(result);
  console.log(
    `${count} instance(s): first round ${result.firstRoundS.toFixed(1)} s · ${Math.round(result.pollsPerMinute)} polls/min · alert p50 ${result.p50.toFixed(1)} s, p95 ${result.p95.toFixed(1)} s (${result.alerted}/${SPIKY} alerted, ${result.duplicates} duplicate parents, ${result.falseAlerts} alerts without spike) · DB ${Math.round(result.xactPerS)} xact/s, ${Math.round(result.writtenPerS)} rows written/s, ${Math.round(result.readPerS)} rows read/s`,
  );
}
await admin.end();
console.log('\n| instances | first round | polls/min | alert p50 | alert p95 | duplicate parents | DB xact/s | rows written/s | rows read/s |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.instances} | ${r.firstRoundS.toFixed(1)} s | ${Math.round(r.pollsPerMinute)} | ${r.p50.toFixed(1)} s | ${r.p95.toFixed(1)} s | ${r.duplicates} | ${Math.round(r.xactPerS)} | ${Math.round(r.writtenPerS)} | ${Math.round(r.readPerS)} |`,
  );
}
