/**
 * Language identification by post length, for bench:sentiment: every language-labelled row of the pool as it is,
 * and short synthetic variants (a random run of 3, 5, 8 or 12 words of a longer post, half of them with a brand
 * name, @mention or hashtag added), without a hint and with the hint of a Moroccan plan watching en, fr and ar.
 * Darija rows are split by script. Arabic counts only `ar` as right and Darija only `ary` ("family" columns accept
 * either, since both are scored by the same model slot).
 */
import { seededRandom } from '../src/core/sentiment/train.js';
import type { LanguageDetector } from '../src/core/sentiment/langid.js';
import type { PoolRow } from '../scripts/sentiment-data.js';

const BANDS = [
  { name: '1-2', min: 1, max: 2 },
  { name: '3-4', min: 3, max: 4 },
  { name: '5-8', min: 5, max: 8 },
  { name: '9-12', min: 9, max: 12 },
  { name: '13+', min: 13, max: Infinity },
];
const SHORT_LENGTHS = [3, 5, 8, 12];
const BRANDS = ['Acme', '@Acme', '#Acme', 'Inwi', '@RoyalAirMaroc', '#MarocTelecom', 'Jumia', 'iPhone', '@Orange_Maroc', 'Marjane'];
const PER_LANGUAGE = 3000;
const PLAN_HINT = ['en', 'fr', 'ar'];

interface Item {
  group: string;
  text: string;
  gold: string;
}

function groupOf(row: PoolRow): string {
  if (row.lang !== 'ary') return row.lang;
  const arabic = (row.text.match(/[\u0600-\u06ff]/gu) ?? []).length;
  const latin = (row.text.match(/[a-z]/giu) ?? []).length;
  return arabic >= latin ? 'ary-Arab' : 'ary-Latn';
}

const GROUPS = ['en', 'fr', 'ar', 'ary-Arab', 'ary-Latn', 'de', 'es', 'it', 'pt'];
const words = (text: string) => text.split(/\s+/u).filter((w) => w.length > 0);

function shortVariants(pool: readonly PoolRow[]): Item[] {
  const random = seededRandom(17);
  const out: Item[] = [];
  for (const group of GROUPS) {
    const long = pool.filter((r) => groupOf(r) === group && words(r.text).length >= 13);
    for (let k = 0; k < Math.min(PER_LANGUAGE, long.length); k++) {
      const row = long[Math.floor(random() * long.length)]!;
      const all = words(row.text);
      const n = SHORT_LENGTHS[k % SHORT_LENGTHS.length]!;
      const from = Math.floor(random() * (all.length - n + 1));
      const run = all.slice(from, from + n);
      if (random() < 0.5) run.splice(Math.floor(random() * (run.length + 1)), 1, BRANDS[Math.floor(random() * BRANDS.length)]!);
      out.push({ group, text: run.join(' '), gold: row.lang });
    }
  }
  return out;
}

function realRows(pool: readonly PoolRow[]): Item[] {
  return pool.filter((r) => GROUPS.includes(groupOf(r))).map((r) => ({ group: groupOf(r), text: r.text, gold: r.lang }));
}

const isArabicFamily = (code: string) => code === 'ar' || code === 'ary';

function table(title: string, items: readonly Item[], detect: LanguageDetector, hint: readonly string[] | undefined): string {
  const lines = [title, `${'language'.padEnd(10)}${BANDS.map((b) => `${b.name} words`.padStart(15)).join('')}   | family (ar ∪ ary), ≥ 5 words`];
  for (const group of GROUPS) {
    const cells: string[] = [];
    let familyRight = 0;
    let familyCount = 0;
    for (const band of BANDS) {
      const inBand = items.filter((it) => {
        const n = words(it.text).length;
        return it.group === group && n >= band.min && n <= band.max;
      });
      if (inBand.length === 0) {
        cells.push('–'.padStart(15));
        continue;
      }
      let right = 0;
      for (const it of inBand) {
        const found = detect(it.text, hint);
        if (found === it.gold) right++;
        if (band.min >= 5 && isArabicFamily(it.gold)) {
          familyCount++;
          if (isArabicFamily(found)) familyRight++;
        }
      }
      cells.push(`${((100 * right) / inBand.length).toFixed(1)} (${inBand.length})`.padStart(15));
    }
    const family = familyCount > 0 ? ((100 * familyRight) / familyCount).toFixed(1) : '';
    lines.push(`${group.padEnd(10)}${cells.join('')}   | ${family}`);
  }
  return lines.join('\n');
}

export function languageIdReport(pool: readonly PoolRow[], detect: LanguageDetector): string {
  const real = realRows(pool);
  const short = shortVariants(pool);
  return [
    'Language identification, accuracy % (count) by length in words; target ≥ 97 for en/fr/ar at ≥ 5 words',
    table('labelled rows as they are, no hint:', real, detect, undefined),
    table('short variants (3/5/8/12 words of longer posts, half with a brand, @mention or #hashtag), no hint:', short, detect, undefined),
    table(`short variants, hint = the plan's languages ${PLAN_HINT.join(',')}:`, short, detect, PLAN_HINT),
  ].join('\n\n');
}
