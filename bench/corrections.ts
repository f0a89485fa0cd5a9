/**
 * `npm run bench:corrections`: how close a post must be to a corrected one to take its label, measured on real
 * near-duplicates, and how fast the override index answers.
 *
 * 1. Pairs. Each corpus of ../shared/data (the airline tweets, TweetEval, the Arabic and Darija tweet corpora) is
 *    indexed whole, as if every post had been corrected to its crowd label; each post is then looked up. Pairs of
 *    posts with the same copy key (retweets, quoted copies, the same text with other links or handles) and pairs
 *    of near copies are counted per band of similarity, with how often their two crowd labels agree. A threshold
 *    is safe where near copies agree about as often as exact copies do: below it, a changed word flips the label.
 * 2. Speed. An index of 5,000 corrections (TweetEval posts), then 20,000 lookups of other posts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOverrideIndex, copyKey, MIN_NEAR_KEY } from '../src/core/corrections/overrides.js';
import type { Correction } from '../src/core/corrections/correction.js';

const DATA = path.resolve(fileURLToPath(import.meta.url), '../../../shared/data');

interface Row {
  text: string;
  label: string;
}

function read(file: string, label: (row: Record<string, unknown>) => string = (r) => String(r.label)): Row[] | undefined {
  const full = path.join(DATA, file);
  if (!existsSync(full)) return undefined;
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const row = JSON.parse(l) as Record<string, unknown>;
      return { text: String(row.text), label: label(row) };
    });
}

const CORPORA: Array<[string, () => Row[] | undefined]> = [
  ['airline (en)', () => read('airline/tweets.jsonl', (r) => String(r.sentiment))],
  ['TweetEval train (en)', () => read('sentiment/tweeteval/train.jsonl')],
  ['ASTD (ar)', () => read('sentiment/extra/astd/train.jsonl')],
  ['ArSarcasm v2 (ar)', () => read('sentiment/extra/arsarcasm_v2/train.jsonl')],
  ['AfriSenti ary (Darija)', () => read('sentiment/extra/afrisenti_ary/train.jsonl')],
  ['SemEval-2017 train (ar)', () => read('sentiment/extra/semeval2017_ar/train.jsonl')],
];

const asCorrection = (row: Row, i: number): Correction => ({
  scope: { platform: 'local', workspace: 'bench' },
  postId: String(i),
  planId: 'bench',
  text: row.text,
  label: row.label as Correction['label'],
  previous: 'negative',
  by: 'bench',
  at: i,
});

const BANDS = [0.6, 0.7, 0.8, 0.9];
const bandOf = (similarity: number): number => BANDS.filter((b) => similarity >= b).length - 1;
const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

function pairs(name: string, rows: Row[], shingle: number): void {
  const index = buildOverrideIndex(rows.map(asCorrection), { threshold: BANDS[0]!, shingle });
  // Exact copies: rows grouped by copy key.
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const key = copyKey(row.text);
    if (key === '') continue;
    groups.set(key, [...(groups.get(key) ?? []), row.label]);
  }
  let exactPairs = 0;
  let exactAgree = 0;
  for (const labels of groups.values()) {
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        exactPairs++;
        if (labels[i] === labels[j]) exactAgree++;
      }
  }
  // Near copies: between copy keys (each key looked up once, pairs counted once).
  const near = BANDS.map(() => ({ pairs: 0, agree: 0 }));
  const examples = BANDS.map((): string[] => []);
  const done = new Set<string>();
  rows.forEach((row) => {
    const key = copyKey(row.text);
    if (key.length < MIN_NEAR_KEY || done.has(key)) return;
    done.add(key);
    for (const hit of index.lookupAll(row.text)) {
      if (hit.similarity === 1) continue;
      const other = rows[Number(hit.postId)]!;
      const otherKey = copyKey(other.text);
      if (otherKey === key || otherKey < key) continue;
      const band = bandOf(hit.similarity);
      near[band]!.pairs++;
      if (other.label === row.label) near[band]!.agree++;
      else if (examples[band]!.length < 2)
        examples[band]!.push(`    ${row.label} «${row.text.slice(0, 90)}» / ${other.label} «${other.text.slice(0, 90)}»`);
    }
  });
  const cells = near.map((n) => `${n.pairs} (${pct(n.agree, n.pairs)})`);
  console.log(`| ${name} | ${rows.length} | ${exactPairs} (${pct(exactAgree, exactPairs)}) | ${cells.join(' | ')} |`);
  if (process.argv.includes('--examples'))
    examples.forEach((list, b) => {
      if (list.length > 0) console.log(`  disagreeing at ≥ ${BANDS[b]}:\n${list.join('\n')}`);
    });
}

function speed(): void {
  const rows = read('sentiment/tweeteval/train.jsonl');
  if (!rows) return;
  const corrections = rows.slice(0, 5_000).map(asCorrection);
  const queries = rows.slice(5_000, 25_000);
  let start = process.hrtime.bigint();
  const index = buildOverrideIndex(corrections);
  const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  let hits = 0;
  for (const q of queries) if (index.lookup(q.text)) hits++;
  const lookupMs = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(
    `\nIndex of ${corrections.length} corrections built in ${buildMs.toFixed(0)} ms; ${queries.length} lookups in ${lookupMs.toFixed(0)} ms ` +
      `(${Math.round((queries.length / lookupMs) * 1000)} per second, ${hits} overrides).`,
  );
}

const shingle = Number(process.argv.find((a) => a.startsWith('--shingle='))?.slice(10) ?? 4);
console.log(`Pairs of posts by similarity (character ${shingle}-grams), with the share whose crowd labels agree:\n`);
console.log(`| corpus | posts | same copy key | ${BANDS.map((b, i) => `${b}–${BANDS[i + 1] ?? 1}`).join(' | ')} |`);
console.log(`|---|---|---|${BANDS.map(() => '---').join('|')}|`);
let any = false;
for (const [name, load] of CORPORA) {
  const rows = load();
  if (!rows) continue;
  any = true;
  pairs(name, rows, shingle);
}
if (!any) console.log('(skipped: ../shared/data is not here)');
speed();
