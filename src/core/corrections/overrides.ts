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
 * phrases whose crowd labels agree as often as exact copies' do; below it, pairs are template replies whose one
 * changed word flips the sentiment ("thanks for nothing" beside "thanks for the help").
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

/** Jaccard index of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}

interface Entry {
  correction: Correction;
  set: Uint32Array;
}

/**
 * The override index of one workspace's corrections. Near matches use prefix filtering (as in set-similarity
 * joins): shingles are ordered rarest first across the corrections, and two sets with a Jaccard index of at
 * least t must share one of the first |X| − ⌈t·|X|⌉ + 1 shingles of each, so a lookup reads a few short posting
 * lists and verifies a handful of candidates, however many corrections there are.
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
  const entries: Entry[] = [];
  const frequency = new Map<number, number>();
  for (const [key, correction] of exact) {
    if (key.length < MIN_NEAR_KEY) continue;
    const set = shingles(key, shingle);
    entries.push({ correction, set });
    for (const s of set) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  }
  const rank = (s: number): number => frequency.get(s) ?? 0;
  const ordered = (set: Uint32Array): number[] => [...set].sort((a, b) => rank(a) - rank(b) || a - b);
  const prefix = (size: number): number => size - Math.ceil(threshold * size) + 1;
  const postings = new Map<number, number[]>();
  entries.forEach((entry, index) => {
    for (const s of ordered(entry.set).slice(0, prefix(entry.set.length))) {
      const list = postings.get(s) ?? [];
      list.push(index);
      postings.set(s, list);
    }
  });

  const of = (c: Correction, similarity: number): Override => ({
    label: c.label,
    postId: c.postId,
    ...(c.lang !== undefined ? { lang: c.lang } : {}),
    similarity,
  });

  const near = (key: string): Array<{ entry: Entry; similarity: number }> => {
    if (key.length < MIN_NEAR_KEY || entries.length === 0) return [];
    const set = shingles(key, shingle);
    const seen = new Set<number>();
    const found: Array<{ entry: Entry; similarity: number }> = [];
    for (const s of ordered(set).slice(0, prefix(set.length))) {
      for (const index of postings.get(s) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = entries[index]!;
        // Length filter: sets of very different sizes cannot reach the threshold.
        if (entry.set.length < threshold * set.length || set.length < threshold * entry.set.length) continue;
        const similarity = jaccard(set, entry.set);
        if (similarity >= threshold) found.push({ entry, similarity });
      }
    }
    return found.sort((a, b) => b.similarity - a.similarity || b.entry.correction.at - a.entry.correction.at);
  };

  return {
    size: exact.size,
    lookup(text) {
      const key = copyKey(text);
      if (key === '') return undefined;
      const same = exact.get(key);
      if (same) return of(same, 1);
      const best = near(key)[0];
      return best && of(best.entry.correction, best.similarity);
    },
    lookupAll(text) {
      const key = copyKey(text);
      if (key === '') return [];
      const same = exact.get(key);
      return [
        ...(same ? [of(same, 1)] : []),
        ...near(key)
          .filter((n) => n.entry.correction !== same)
          .map((n) => of(n.entry.correction, n.similarity)),
      ];
    },
  };
}
