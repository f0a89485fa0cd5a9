/**
 * Prior polarity of words, as extra tokens next to the words: a word of the polarity lexicon (the French
 * translation of AFINN-165, src/models/lexicons) adds `_lexpos` / `_lexneg`, plus `_lexpos2` / `_lexneg2` for
 * strong words (|score| ≥ 3); inside a negation scope the marker is `_lexposn` / `_lexnegn`. What the training posts
 * teach about "a word known to be negative" then serves posts whose words they never contained — French has 5,500
 * labelled rows, half of them film reviews: the point is robustness to new topics, not more features.
 */
import { normalise } from './normalise.js';
import { NEGATED_PREFIX } from './tokenise.js';

/** Normalised word → AFINN-style score (−5…+5). */
export type PolarityLexicon = ReadonlyMap<string, number>;

export const POLARITY_MARKERS = {
  positive: '_lexpos',
  negative: '_lexneg',
  strongPositive: '_lexpos2',
  strongNegative: '_lexneg2',
  negatedPositive: '_lexposn',
  negatedNegative: '_lexnegn',
} as const;

const SINGLE_WORD_RE = /^[\p{L}\p{M}\p{N}]+$/u;

/**
 * A lexicon from raw entries of one or more languages: keys normalised as posts are (case, accents), multi-word
 * entries skipped; a key given both signs (English "pain" and French "pain", when both lists are merged) is dropped.
 */
export function buildPolarityLexicon(entries: Iterable<readonly [string, number]>): PolarityLexicon {
  const lexicon = new Map<string, number>();
  const conflicting = new Set<string>();
  for (const [raw, score] of entries) {
    if (score === 0) continue;
    const key = normalise(raw);
    if (!SINGLE_WORD_RE.test(key)) continue;
    const previous = lexicon.get(key);
    if (previous !== undefined && Math.sign(previous) !== Math.sign(score)) conflicting.add(key);
    else if (previous === undefined || Math.abs(score) > Math.abs(previous)) lexicon.set(key, score);
  }
  for (const key of conflicting) lexicon.delete(key);
  return lexicon;
}

/** The tokens with a polarity marker after each word of the lexicon (see the module comment). */
export function markPolarity(tokens: readonly string[], lexicon: PolarityLexicon): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    out.push(token);
    if (token.charCodeAt(0) === 0x5f) continue;
    const negated = token.startsWith(NEGATED_PREFIX);
    const score = lexicon.get(negated ? token.slice(NEGATED_PREFIX.length) : token);
    if (score === undefined) continue;
    if (negated) out.push(score > 0 ? POLARITY_MARKERS.negatedPositive : POLARITY_MARKERS.negatedNegative);
    else {
      out.push(score > 0 ? POLARITY_MARKERS.positive : POLARITY_MARKERS.negative);
      if (Math.abs(score) >= 3) out.push(score > 0 ? POLARITY_MARKERS.strongPositive : POLARITY_MARKERS.strongNegative);
    }
  }
  return out;
}
