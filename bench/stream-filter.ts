/**
 * How many firehose posts per second bluesky-stream can filter against many plans' queries on this machine.
 * Jetstream carries roughly 30-100 new posts per second in 2025-26; the filter must stay far above that.
 * Run: npx tsx bench/stream-filter.ts
 */
import type { Plan } from '../src/core/plan.js';
import { matcherOf } from '../src/sources/plan-query.js';

const WORDS = 'the a flight delayed refund airline service great awful love hate today news strike bank outage app update price store order'.split(
  ' ',
);

function plan(i: number): Plan {
  const actor = { by: 'bench', at: 0 };
  return {
    schemaVersion: 1,
    id: `p${i}`,
    name: `brand${i}`,
    scope: { platform: 'local', workspace: 'bench' },
    what: { brand: `brand${i} OR "brand ${i} air" -jobs`, news: `brand${i} (strike OR outage)` },
    sources: [],
    languages: [],
    locale: 'en',
    sensitivity: 'normal',
    destination: { platform: 'local', workspace: 'bench', channel: 'terminal' },
    escalation: [],
    status: 'active',
    created: actor,
    updated: actor,
  };
}

let seed = 42;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const posts = Array.from({ length: 20_000 }, () =>
  Array.from({ length: 12 + random(20) }, () => (random(50) === 0 ? `brand${random(200)}` : WORDS[random(WORDS.length)])).join(' '),
);

for (const planCount of [10, 100, 500]) {
  const matchers = Array.from({ length: planCount }, (_, i) => matcherOf(plan(i)));
  let hits = 0;
  const start = process.hrtime.bigint();
  for (const text of posts) for (const match of matchers) if (match(text, 'en')) hits += 1;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${planCount} plans: ${Math.round(posts.length / seconds)} posts/s (${hits} plan matches in ${posts.length} posts)`);
}
