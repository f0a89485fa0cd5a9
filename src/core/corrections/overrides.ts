import { normalise } from '../sentiment/normalise.js';
import type { SentimentLabel } from '../sentiment/types.js';
import type { Correction } from './correction.js';

/**
 * Corrections applied at prediction time: a post whose text is a copy of a corrected post of the same workspace
 * takes the corrected label without asking the model. "A copy" is the same text once normalised (the sentiment
 * normaliser, then without links, @handles, a leading "RT" and punctuation, which differ between copies of one
 * post), or a text whose character 4-grams overlap the corrected one's with a Jaccard index of at least
 * NEAR_DUPLICATE_THRESHOLD.
 *
 * The threshold is measured (`npm run bench:corrections`, README "Sentiment", "Corrections") on pairs of posts of
 * the shared corpora that are this close: from 0.7 up, pairs are retweets, quoted copies and a brand's recurring
 * phrases whose crowd labels agree about as often as exact copies' do; between 0.6 and 0.7 they agree less (a
 * stock phrase with another ending, one word changed).
 *
 * Pure: the index is built from a workspace's corrections and handed to the pipeline; it never crosses workspaces.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;
/** Character n-gram length of the shingles. */
export const SHINGLE = 4;
/** A key shorter than this matches only exactly: a few shingles say too little for "very close". */
export const MIN_NEAR_KEY = 20;

export interface Override {
  label: SentimentLabel;
  /** The corrected post the text copies. */
  postId: string;
  lang?: string;
  /** 1 for the same text; the Jaccard index of the shingles otherwise. */
  similarity: number;
}

export interface OverrideIndex {
  /** How many corrected texts it holds. */
  readonly size: number;
  /** The correction a text copies, if any: the same text first, else the closest at or above the threshold. */
  lookup(text: string): Override | undefined;
  /** Every correction at or above the threshold, closest first (for measurement). */
  lookupAll(text: string): Override[];
}

const DROPPED_MARKERS = new Set(['_url', '_user', '_hashtag', '_caps', '_elong']);
const NOT_WORD = /[^\p{L}\p{N}_]+/gu;

/** The text two copies of one post share: normalised, without links, handles, styling markers, a leading RT or punctuation. */
export function copyKey(text: string): string {
  const words = normalise(text)
    .replace(NOT_WORD, ' ')
    .split(' ')
    .filter((w) => w !== '' && !DROPPED_MARKERS.has(w));
  while (words[0] === 'rt' || words[0] === 'via') words.shift();
  return words.join(' ');
}

function hash(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The distinct character shingles of a key, hashed and sorted. */
export function shingles(key: string, size = SHINGLE): Uint32Array {
  const padded = ` ${key} `;
  const set = new Set<number>();
  for (let i = 0; i + size <= padded.length; i++) set.add(hash(padded, i, i + size));
  return Uint32Array.from(set).sort();
}

/** Shared elements of two sorted arrays, or -1 as soon as fewer than `needed` remain possible. */
function overlap(a: ArrayLike<number>, b: ArrayLike<number>, needed: number): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (common + Math.min(a.length - i, b.length - j) < needed) return -1;
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common;
}

/** Jaccard index of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const common = overlap(a, b, 0);
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}

interface Entry {
  correction: Correction;
  /** Its shingles as global ranks (rarest first), sorted. */
  ranks: Int32Array;
}

/**
 * The override index of one workspace's corrections: the same text through a map of copy keys; near copies through
 * prefix filtering, as in set-similarity joins (AllPairs, PPJoin): shingles are ranked rarest first across the
 * corrections, and two sets with a Jaccard index of at least t must share one of the first |X| − ⌈t·|X|⌉ + 1 ranks
 * of each. A lookup reads the short posting lists of its own rarest shingles, drops candidates by size and by the
 * overlap still possible after the shared rank, and verifies the rest exactly. `npm run bench:corrections` measures
 * it on thousands of corrections.
 */
export function buildOverrideIndex(
  corrections: readonly Correction[],
  { threshold = NEAR_DUPLICATE_THRESHOLD, shingle = SHINGLE }: { threshold?: number; shingle?: number } = {},
): OverrideIndex {
  // The latest verdict on a text wins, whichever post carried it.
  const latest = [...corrections].sort((a, b) => a.at - b.at);
  const exact = new Map<string, Correction>();
  for (const c of latest) {
    const key = copyKey(c.text);
    if (key !== '') exact.set(key, c);
  }
  const near: Array<{ correction: Correction; set: Uint32Array }> = [];
  const frequency = new Map<number, number>();
  for (const [key, correction] of exact) {
    if (key.length < MIN_NEAR_KEY) continue;
    const set = shingles(key, shingle);
    near.push({ correction, set });
    for (const s of set) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  }
  const rankOf = new Map<number, number>([...frequency].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([s], rank): [number, number] => [s, rank]));
  const prefix = (size: number): number => size - Math.ceil(threshold * size) + 1;
  const entries: Entry[] = near.map(({ correction, set }) => ({ correction, ranks: Int32Array.from(set, (s) => rankOf.get(s)!).sort() }));
  // Postings of each rank: the entries holding it in their prefix, with its position there.
  const lists: Array<number[]> = Array.from({ length: rankOf.size }, () => []);
  entries.forEach((entry, index) => {
    const p = prefix(entry.ranks.length);
    for (let j = 0; j < p; j++) lists[entry.ranks[j]!]!.push(index, j);
  });
  const postings = lists.map((list) => Int32Array.from(list));
  const seen = new Uint8Array(entries.length);
  const touched = new Int32Array(entries.length);

  const of = (c: Correction, similarity: number): Override => ({
    label: c.label,
    postId: c.postId,
    ...(c.lang !== undefined ? { lang: c.lang } : {}),
    similarity,
  });

  const closest = (key: string): Array<{ entry: Entry; similarity: number }> => {
    if (key.length < MIN_NEAR_KEY || entries.length === 0) return [];
    const set = shingles(key, shingle);
    const size = set.length;
    // Shingles no correction has are the rarest of all: they come first and match nothing.
    const known: number[] = [];
    for (const s of set) {
      const rank = rankOf.get(s);
      if (rank !== undefined) known.push(rank);
    }
    const ranks = Int32Array.from(known).sort();
    const unknown = size - ranks.length;
    const p = prefix(size) - unknown;
    const found: Array<{ entry: Entry; similarity: number }> = [];
    let count = 0;
    for (let i = 0; i < p && i < ranks.length; i++) {
      const list = postings[ranks[i]!]!;
      for (let k = 0; k < list.length; k += 2) {
        const index = list[k]!;
        if (seen[index] === 1) continue;
        seen[index] = 1;
        touched[count++] = index;
        const other = entries[index]!.ranks;
        // Size filter, then the positional filter: at most what follows the shared rank on either side can still match.
        if (other.length < threshold * size || size < threshold * other.length) continue;
        const needed = Math.ceil((threshold / (1 + threshold)) * (size + other.length));
        if (1 + Math.min(ranks.length - i - 1, other.length - list[k + 1]! - 1) < needed) continue;
        const common = overlap(ranks, other, needed);
        if (common < 0) continue;
        const similarity = common / (size + other.length - common);
        if (similarity >= threshold) found.push({ entry: entries[index]!, similarity });
      }
    }
    for (let k = 0; k < count; k++) seen[touched[k]!] = 0;
    return found.sort((a, b) => b.similarity - a.similarity || b.entry.correction.at - a.entry.correction.at);
  };

  return {
    size: exact.size,
    lookup(text) {
      const key = copyKey(text);
      if (key === '') return undefined;
      const same = exact.get(key);
      if (same) return of(same, 1);
      const best = closest(key)[0];
      return best && of(best.entry.correction, best.similarity);
    },
    lookupAll(text) {
      const key = copyKey(text);
      if (key === '') return [];
      const same = exact.get(key);
      return [
        ...(same ? [of(same, 1)] : []),
        ...closest(key)
          .filter((n) => n.entry.correction !== same)
          .map((n) => of(n.entry.correction, n.similarity)),
      ];
    },
  };
}
