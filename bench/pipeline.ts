// npm run bench:pipeline — a synthetic firehose through match → sentiment → buckets → detector for 1,000 active
// plans, on one core. Prints mentions per second and peak memory.
import { cpus } from 'node:os';
import { createFirehose } from '../src/app/firehose.js';
import { createDetectorState, stepDetector } from '../src/core/detect/detector.js';
import type { Bucket } from '../src/core/detect/types.js';
import { newPlan } from '../src/core/commands/plan-edits.js';
import type { Mention } from '../src/core/mention.js';
import type { Plan } from '../src/core/plan.js';
import { loadDefaultClassifier } from '../src/models/sentiment.js';

const PLANS = 1_000;
const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 400_000);
const BUCKET_MS = 300_000;
const PER_BUCKET = 20_000;

/** A small deterministic generator, so that every run measures the same stream. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const SYLLABLES = [
  'zor',
  'vex',
  'cal',
  'dor',
  'mira',
  'tel',
  'nova',
  'quin',
  'bra',
  'lux',
  'fen',
  'ora',
  'tix',
  'sam',
  'rhe',
  'kol',
  'vin',
  'dra',
  'pel',
  'xan',
];
const VOCAB: Record<string, string[]> = {
  en: 'the flight was late again and nobody at the desk could help us with the bags today thanks for nothing great service love this new app update price refund order delivery customer support waiting hours'.split(
    ' ',
  ),
  fr: 'le vol était encore en retard et personne au guichet ne pouvait nous aider avec les bagages merci pour rien super service nouvelle application prix remboursement commande livraison attente heures'.split(
    ' ',
  ),
  ar: 'الرحلة تأخرت مرة أخرى ولا أحد في المكتب ساعدنا مع الحقائب اليوم شكرا خدمة رائعة تطبيق جديد السعر استرداد الطلب التوصيل انتظار ساعات'.split(
    ' ',
  ),
  es: 'el vuelo llegó tarde otra vez y nadie en el mostrador pudo ayudarnos con las maletas hoy gracias por nada gran servicio'.split(' '),
  de: 'der flug war wieder verspätet und niemand am schalter konnte uns mit dem gepäck helfen danke für nichts toller service'.split(' '),
};
const LANGS = Object.keys(VOCAB);

function brandName(i: number): string {
  const name = `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}${i >= 400 ? SYLLABLES[Math.floor(i / 400) % 20] : ''}`;
  return name[0]!.toUpperCase() + name.slice(1);
}

function plans(): Plan[] {
  return Array.from({ length: PLANS }, (_, i) => {
    const name = brandName(i);
    const queries = [`${name} OR #${name}`, `"${name} air" OR ${name}app -job`, `${name} (retard OR late OR تأخرت)`, `@${name} OR ${name}`];
    const plan = newPlan({
      id: `plan-${i}`,
      name: `plan-${i}`,
      brand: queries[i % queries.length]!,
      scope: { platform: 'local', workspace: 'bench' },
      destination: { platform: 'local', workspace: 'bench', channel: 'terminal' },
      locale: 'en',
      by: 'bench',
      at: 0,
    });
    return i % 10 === 0 ? { ...plan, what: { ...plan.what, news: `"${name} results"` } } : plan;
  });
}

/** One bucket's worth of the stream, generated outside the timed section. */
function chunk(from: number, count: number, start: number): Mention[] {
  const mentions: Mention[] = [];
  for (let i = from; i < from + count; i += 1) {
    const lang = pick(LANGS);
    const words = VOCAB[lang]!;
    const length = 4 + Math.floor(random() * random() * 40);
    const parts: string[] = [];
    for (let w = 0; w < length; w += 1) parts.push(pick(words));
    if (random() < 0.08) parts.splice(Math.floor(random() * parts.length), 0, brandName(Math.floor(random() * PLANS)));
    mentions.push({
      id: `m${i}`,
      sourceKind: 'bluesky-stream',
      url: `https://bsky.app/profile/u/post/${i}`,
      author: `user${i % 5000}`,
      text: parts.join(' '),
      lang,
      publishedAt: start + Math.floor(((i - from) / count) * BUCKET_MS),
      metrics: { likes: i % 7, reposts: i % 3 },
    });
  }
  return mentions;
}

const active = plans();
const loadStart = performance.now();
const classifier = loadDefaultClassifier();
const loadMs = performance.now() - loadStart;
const firehose = createFirehose(classifier);
firehose.setPlans(active);
const detectors = new Map(active.map((p) => [p.id, createDetectorState(BUCKET_MS)]));
const t0 = Date.UTC(2026, 10, 2);

let peakRss = process.memoryUsage().rss;
let matched = 0;
let routed = 0;
let busyMs = 0;
let cpuMicros = 0;
const buckets = new Map<string, Bucket>();

for (let offset = 0, start = t0; offset < MENTIONS; offset += PER_BUCKET, start += BUCKET_MS) {
  const mentions = chunk(offset, Math.min(PER_BUCKET, MENTIONS - offset), start);
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const mention of mentions) {
    const targets = firehose.route(mention);
    if (targets.length > 0) matched += 1;
    for (const { plan, sentiment } of targets) {
      routed += 1;
      const bucket = buckets.get(plan.id) ?? { start, total: 0, negative: 0, engagement: 0 };
      bucket.total += 1;
      if (sentiment.label === 'negative') bucket.negative += 1;
      bucket.engagement += (mention.metrics?.likes ?? 0) + 2 * (mention.metrics?.reposts ?? 0);
      buckets.set(plan.id, bucket);
    }
  }
  for (const plan of active) {
    const bucket = buckets.get(plan.id) ?? { start, total: 0, negative: 0, engagement: 0 };
    stepDetector(detectors.get(plan.id)!, bucket, { bucketMs: BUCKET_MS, sensitivity: plan.sensitivity });
  }
  buckets.clear();
  busyMs += performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  cpuMicros += cpu.user + cpu.system;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = busyMs / 1000;
// On a shared machine the wall clock counts other processes' time too: the CPU time of this process is the per-core figure.
const cpuSeconds = cpuMicros / 1e6;

console.log(`pipeline benchmark: ${PLANS} active plans, ${MENTIONS.toLocaleString('en')} synthetic mentions in ${LANGS.length} languages`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version} (one core used)`);
console.log(`matched some plan: ${((100 * matched) / MENTIONS).toFixed(1)}% (${routed.toLocaleString('en')} plan routings)`);
console.log(
  `throughput: ${Math.round(MENTIONS / cpuSeconds).toLocaleString('en')} mentions/s per core (CPU time; wall clock ${Math.round(MENTIONS / seconds).toLocaleString('en')}/s), match → sentiment → buckets → detector`,
);
console.log(`sentiment model load: ${loadMs.toFixed(0)} ms; peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
