// npm run bench:bounds — Vigie under a hostile source: a local server answers every Hacker News search with
// 100,000 new hits (real field names, every hit about the brand), by default in 5 pages of 20,000 (about 2 MiB
// each, within the default VIGIE_HTTP_MAX_BYTES). BENCH_PAGES=1 BENCH_MAX_BYTES=67108864 sends them in one 10 MiB
// page instead, to a Vigie whose limit was raised. Prints the event-loop lag while one such poll is processed (whole
// poll, and the pipeline's part alone), the process's memory, the store's size after repeated polls, a tick over
// 1,000 plans, and the memory of the worst JSON answers the per-answer budget lets through.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fetch } from 'undici';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createVigie } from '../src/app/vigie.js';
import { loadConfig } from '../src/config.js';
import type { Mention } from '../src/core/mention.js';
import { sourceKey } from '../src/core/source-state.js';
import { newPlan } from '../src/core/commands/plan-edits.js';
import { JSON_BUDGET } from '../src/sources/json-budget.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const POLLS = Number(process.env.BENCH_POLLS ?? 12);
const MiB = 1024 * 1024;
/** 100,000 hits are about 10 MiB: over the default VIGIE_HTTP_MAX_BYTES (5 MiB), which a hostile user may have raised. */
const MAX_BYTES = Number(process.env.BENCH_MAX_BYTES ?? 5 * MiB);
/** Pages of one poll's answer: the Hacker News source reads up to 5 pages per search. */
const PAGES = Number(process.env.BENCH_PAGES ?? 5);
const PER_PAGE = Math.ceil(ITEMS / PAGES);
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

/** Page `p` of a poll's hits: new ids at every poll, published over the last hour. */
function page(poll: number, nowS: number, p: number): string {
  const hits = Array.from({ length: PER_PAGE }, (_, n) => {
    const i = p * PER_PAGE + n;
    const id = poll * ITEMS + i;
    return `{"objectID":"${id}","created_at_i":${nowS - (i % 3600)},"author":"user${i % 997}","title":"Acme outage report ${id}: still down"}`;
  });
  return `{"hits":[${hits.join(',')}],"page":${p},"nbPages":${PAGES}}`;
}

async function lagDuring<T>(work: () => Promise<T>): Promise<{ result: T; p99: number; max: number; peakRss: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  histogram.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  histogram.disable();
  clearInterval(sampler);
  return { result, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, peakRss, ms };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-bench-bounds-'));
let clock = Date.now();
/** The pages of the coming poll, written before the poll starts: building them is not Vigie's work. */
let bodies: string[] = [];
const server = createServer((req, res) => {
  const p = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('page') ?? '0');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(bodies[p] ?? bodies[0]);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const vigie = await createVigie({
  config: loadConfig({
    VIGIE_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    VIGIE_ALLOW_PRIVATE_URLS: 'true',
    VIGIE_HN_URL: url,
    VIGIE_HTTP_MAX_BYTES: String(MAX_BYTES),
  }),
  stdout: new PassThrough(),
  logStream: new PassThrough(),
  now: () => clock,
});
const ctx = vigie.localContext('bench');
await vigie.commands.run('watch acme Acme', ctx);
const plan = (await vigie.store.plans.get(ctx.scope, 'acme'))!;
await vigie.store.plans.save({ ...plan, sources: [{ kind: 'hn' }] });
const key = sourceKey(plan.id, 'hn', undefined);
const cap = vigie.settings.detection.maxItemsPerPoll;

console.log(`bench:bounds — ${ITEMS.toLocaleString('en')} new items per poll from a local HN-shaped server, cap ${cap} per poll`);
console.log(
  `answer: ${PAGES} page(s) of ${mib(Buffer.byteLength(page(0, 0, 0)))} of JSON (VIGIE_HTTP_MAX_BYTES ${mib(MAX_BYTES)}); baseline RSS ${mib(process.memoryUsage().rss)}; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
);

// The sentiment model and language data load with the first post scored (bench:local): not part of a poll.
await vigie.pipeline.score(plan, [
  { id: 'warm-up', sourceKind: 'hn', url: 'https://example.org/', author: 'a', text: 'Acme is down again', publishedAt: clock },
]);
// The first HTTP request of the process loads undici's parser (modules and a WebAssembly compile, about 50 ms of
// blocked loop, once, whatever the answer's size): also not part of a poll.
await (await fetch(`${url}/?page=0`)).arrayBuffer();
const rows: string[] = [];
for (let poll = 0; poll < POLLS; poll += 1) {
  clock += 5 * 60_000;
  bodies = Array.from({ length: PAGES }, (_, p) => page(poll, Math.floor(clock / 1000), p));
  globalThis.gc?.();
  const { p99, max, peakRss, ms } = await lagDuring(() => vigie.pipeline.poll({ planId: plan.id, sourceKey: key }));
  const state = await vigie.store.sources.get(key);
  const size = (await stat(path.join(dataDir, 'vigie.json'))).size;
  const seen = Object.keys((await vigie.store.exportAll()).seen[key] ?? {}).length;
  if (state?.health.lastError) throw new Error(`poll failed: ${state.health.lastError.message}`);
  rows.push(
    `poll ${poll + 1}: ${ms.toFixed(0)} ms, loop lag p99 ${p99.toFixed(0)} ms max ${max.toFixed(0)} ms, peak RSS ${mib(peakRss)}, ` +
      `kept ${state?.health.totalItems ?? 0} (over cap ${state?.health.lastOverCap?.count ?? 0}), seen ids ${seen}, store ${kib(size)}`,
  );
  console.log(rows.at(-1));
}

// The pipeline's part alone (match, sentiment, buckets, detector) on 100,000 mentions already read.
const mentions: Mention[] = Array.from({ length: ITEMS }, (_, i) => ({
  id: `bench:${i}`,
  sourceKind: 'hn',
  url: `https://news.ycombinator.com/item?id=${i}`,
  author: `user${i % 997}`,
  text: `Acme outage report ${i}: still down, refund please`,
  publishedAt: clock - (i % 3600) * 1000,
}));
globalThis.gc?.();
const ingest = await lagDuring(() => vigie.pipeline.ingest(plan, `${key}-ingest`, mentions, clock));
console.log(
  `pipeline only (ingest of ${ITEMS.toLocaleString('en')} mentions): ${ingest.ms.toFixed(0)} ms, loop lag p99 ${ingest.p99.toFixed(0)} ms max ${ingest.max.toFixed(0)} ms, over cap ${ingest.result.overCap}`,
);

// A tick over 1,000 plans: listing what is due reads every plan's source state, with turns for commands between.
for (let i = 0; i < 1_000; i += 1) {
  const tickPlan = newPlan({
    id: `tick-${i}`,
    name: `tick-${i}`,
    brand: `Brand${i}`,
    scope: ctx.scope,
    destination: { platform: 'local', workspace: 'local', channel: 'terminal' },
    locale: 'en',
    by: 'bench',
    at: clock,
  });
  await vigie.store.plans.save({ ...tickPlan, sources: [{ kind: 'rss', arg: `${url}/feed-${i}.xml` }] });
}
const tick = await lagDuring(() => vigie.pipeline.dueJobs(clock + 3_600_000));
console.log(
  `tick over ${(await vigie.store.plans.listActive()).length} plans: ${tick.result.length} polls due, listed in ${tick.ms.toFixed(0)} ms, loop lag p99 ${tick.p99.toFixed(0)} ms max ${tick.max.toFixed(0)} ms`,
);
await vigie.stop();
server.close();

// The worst answers the JSON budget lets through: how much memory their parsed form takes.
const heapOf = (text: string): number => {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const value: unknown = JSON.parse(text);
  const after = process.memoryUsage().heapUsed;
  return (after - before) * (value === undefined ? 0 : 1);
};
const emptyObjects = `[${Array(JSON_BUDGET.maxContainers - 1)
  .fill('{}')
  .join(',')}]`;
const strings = `[${Array.from({ length: JSON_BUDGET.maxScalars }, (_, i) => `"v${i}"`).join(',')}]`;
console.log(
  `JSON budget (depth ${JSON_BUDGET.maxDepth}, ${JSON_BUDGET.maxContainers.toLocaleString('en')} arrays/objects, ${JSON_BUDGET.maxScalars.toLocaleString('en')} values): ` +
    `worst parsed answers ${mib(heapOf(emptyObjects))} (empty objects), ${mib(heapOf(strings))} (distinct strings)` +
    (globalThis.gc ? '' : ' (run with --expose-gc for exact figures)'),
);
await rm(dataDir, { recursive: true, force: true });
