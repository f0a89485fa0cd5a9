/**
 * Prior polarity of words, as extra tokens next to the words: a post with a word of a polarity lexicon (AFINN-165
 * and its French and Arabic translations, src/models/lexicons) gets `_lexpos` / `_lexneg` (and `_lexpos2` /
 * `_lexneg2` for strong words, |score| ≥ 3); inside a negation scope they become `_lexposn` / `_lexnegn`. Polar
 * emoji get markers of their own (`_emolexpos` / `_emolexneg`): they are learnt from the posts that have emoji
 * (Arabic and Darija; the English training tweets have none) and do not borrow the weight of polar words. The markers are shared by every language, so what English tweets teach about "a word known to be
 * negative" also serves French and Arabic posts whose words the training data never saw: the point is robustness
 * to new topics, not more features.
 */
import { NEGATIVE_EMOJI, POSITIVE_EMOJI } from './lexicon.js';
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
  emojiPositive: '_emolexpos',
  emojiNegative: '_emolexneg',
} as const;

// Arabic attaches conjunctions, prepositions and the article before the word (و+ال+كتاب) and pronouns, person and
// plural endings after it (سرق+ت, خدمت+كم): when the whole token is not in the lexicon, one prefix and then one
// suffix are stripped, longest first (a light stemmer, no dictionary). Keys ending in ta marbuta (ه after
// normalisation: سرقه "theft") are also kept without it, so "سرقت" ("she stole") finds them.
const ARABIC_PREFIXES = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const ARABIC_SUFFIXES = ['كم', 'ات', 'ون', 'ين', 'وا', 'ها', 'هم', 'نا', 'ني', 'ت', 'ه', 'ي', 'ك'];
const SINGLE_WORD_RE = /^[\p{L}\p{M}\p{N}]+$/u;

/**
 * A lexicon from raw entries of one or more languages: keys normalised as posts are (case, accents, Arabic letter
 * forms), multi-word entries skipped, the Arabic article stripped from keys too; a key given both signs is dropped.
 */
export function buildPolarityLexicon(entries: Iterable<readonly [string, number]>): PolarityLexicon {
  const lexicon = new Map<string, number>();
  const conflicting = new Set<string>();
  const add = (key: string, score: number) => {
    const previous = lexicon.get(key);
    if (previous !== undefined && Math.sign(previous) !== Math.sign(score)) conflicting.add(key);
    else if (previous === undefined || Math.abs(score) > Math.abs(previous)) lexicon.set(key, score);
  };
  for (const [raw, score] of entries) {
    if (score === 0) continue;
    const key = normalise(raw);
    if (!SINGLE_WORD_RE.test(key)) continue;
    add(key, score);
    const bare = key.startsWith('ال') && key.length > 3 ? key.slice(2) : key;
    if (bare !== key) add(bare, score);
    if (bare.endsWith('ه') && bare.length > 3) add(bare.slice(0, -1), score);
  }
  for (const key of conflicting) lexicon.delete(key);
  return lexicon;
}

function lookUp(word: string, lexicon: PolarityLexicon): number | undefined {
  const direct = lexicon.get(word);
  if (direct !== undefined) return direct;
  const first = word.charCodeAt(0);
  if (first < 0x621 || first > 0x64a) return undefined;
  const stems = [word];
  for (const prefix of ARABIC_PREFIXES) {
    if (word.length - prefix.length >= 2 && word.startsWith(prefix)) {
      stems.push(word.slice(prefix.length));
      break;
    }
  }
  for (const stem of stems) {
    const found = lexicon.get(stem);
    if (found !== undefined) return found;
    for (const suffix of ARABIC_SUFFIXES) {
      if (stem.length - suffix.length >= 3 && stem.endsWith(suffix)) {
        const stripped = lexicon.get(stem.slice(0, -suffix.length));
        if (stripped !== undefined) return stripped;
      }
    }
  }
  return undefined;
}

/** The tokens with a polarity marker after each polar word or emoji (see the module comment). */
export function markPolarity(tokens: readonly string[], lexicon: PolarityLexicon): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    out.push(token);
    if (POSITIVE_EMOJI.has(token)) out.push(POLARITY_MARKERS.emojiPositive);
    else if (NEGATIVE_EMOJI.has(token)) out.push(POLARITY_MARKERS.emojiNegative);
    else if (token.charCodeAt(0) !== 0x5f) {
      const negated = token.startsWith(NEGATED_PREFIX);
      const score = lookUp(negated ? token.slice(NEGATED_PREFIX.length) : token, lexicon);
      if (score === undefined) continue;
      if (negated) out.push(score > 0 ? POLARITY_MARKERS.negatedPositive : POLARITY_MARKERS.negatedNegative);
      else {
        out.push(score > 0 ? POLARITY_MARKERS.positive : POLARITY_MARKERS.negative);
        if (Math.abs(score) >= 3) out.push(score > 0 ? POLARITY_MARKERS.strongPositive : POLARITY_MARKERS.strongNegative);
      }
    }
  }
  return out;
}
