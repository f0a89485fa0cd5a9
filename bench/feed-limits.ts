/**
 * What the HTTP client's limits cost: a 50 MB feed refused at the 5 MB default limit (time, bytes the server
 * managed to send, peak memory growth), and the time to poll and parse an ordinary 500-item RSS feed.
 * Run: npx tsx bench/feed-limits.ts
 */
import { PLAN_SCHEMA_VERSION, type Plan } from '../src/core/plan.js';
import { createHttpClient } from '../src/sources/http.js';
import { createRssSource } from '../src/sources/rss.js';
import { SourceError } from '../src/core/source-error.js';
import { startFeedServer, type FakeFeedItem } from '../test/fakes/feed-server.js';

const MAX_BYTES = 5 * 1024 * 1024;
const http = createHttpClient({ userAgent: 'Vigie-bench/0.1', timeoutMs: 30_000, maxBytes: MAX_BYTES, allowPrivateUrls: true });

const items: FakeFeedItem[] = Array.from({ length: 500 }, (_, i) => ({
  guid: `item-${i}`,
  link: `https://blog.example.org/${i}`,
  title: `Acme Bank item ${i}`,
  content: `<p>Les clients d&rsquo;<b>Acme</b> racontent leur journée, épisode ${i}.</p>`.repeat(4),
  date: new Date(Date.parse('2026-11-26T00:00:00Z') + i * 60_000).toISOString(),
}));
const server = await startFeedServer({ items, language: 'fr' });

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const started = performance.now();
const outcome = await http.request(`${server.url}/huge.xml`).then(
  () => 'read in full (unexpected)',
  (error: unknown) => (error instanceof SourceError ? error.code : String(error)),
);
const elapsed = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 100));
clearInterval(sampler);
console.log(
  `50 MB body, ${mb(MAX_BYTES)} limit: ${outcome} after ${elapsed.toFixed(0)} ms; ` +
    `server sent ${mb(server.hugeBytesSent())}; peak RSS growth ${mb(peak - rssBefore)}`,
);

const plan: Plan = {
  schemaVersion: PLAN_SCHEMA_VERSION,
  id: 'bench',
  name: 'bench',
  scope: { platform: 'local', workspace: 'local' },
  what: { brand: 'Acme' },
  sources: [],
  languages: [],
  locale: 'fr',
  sensitivity: 'normal',
  destination: { platform: 'local', workspace: 'local', channel: 'terminal' },
  escalation: [],
  status: 'active',
  created: { by: 'bench', at: 0 },
  updated: { by: 'bench', at: 0 },
};
const source = createRssSource();
const spec = { kind: 'rss' as const, arg: `${server.url}/rss.xml` };
const runs = 20;
const t0 = performance.now();
let mentions = 0;
for (let i = 0; i < runs; i += 1) {
  const result = await source.fetch({ plan, spec, cursor: undefined, health: { consecutiveFailures: 0 }, http, now: Date.now() });
  mentions = result.mentions.length;
}
console.log(`500-item RSS feed: ${((performance.now() - t0) / runs).toFixed(1)} ms per poll (fetch + parse + ${mentions} mentions)`);

await server.close();
