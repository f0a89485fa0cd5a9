import { CATEGORY_IDS, type CategoryId } from './types.js';
import type { CueTable, CuedCategory } from './cues/types.js';
import { normalizeWord, type Token } from './tokens.js';

interface WordPattern {
  stem: string;
  /** `word*`: any ending. */
  open: boolean;
  /** `*word`: any beginning (Arabic clitics: و، ب، ال…). */
  openStart: boolean;
}

export interface Cue {
  lang: string;
  category: CuedCategory;
  /** As written in the cue table, for printing the lexicon. */
  phrase: string;
  weight: number;
  words: WordPattern[];
}

/** A cue found in a text, with the span of the words that matched it. */
export interface CueHit {
  cue: Cue;
  start: number;
  end: number;
}

/**
 * A word lexicon learned from labelled posts of one language (see bench/fit-categorize.ts): per word or word pair,
 * a weight per category (negative weights argue against it), plus a bias per category. Printable, like the cues.
 */
export interface LearnedLexicon {
  lang: string;
  /** Factor on curated cue weights in the scores of this language's posts (1 keeps the curated weights). */
  cueScale: number;
  bias: Partial<Record<CategoryId, number>>;
  words: Record<string, Partial<Record<CategoryId, number>>>;
}

/** Curated cues of every language, plus an optional learned lexicon that refines them for its language. */
export interface Lexicon {
  cues: readonly Cue[];
  learned?: LearnedLexicon;
}

function parsePhrase(phrase: string): WordPattern[] {
  const words: WordPattern[] = [];
  for (const chunk of phrase.trim().split(/\s+/)) {
    const openStart = chunk.startsWith('*');
    const open = chunk.endsWith('*');
    const parts = [...chunk.replace(/^\*|\*$/g, '').matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => normalizeWord(m[0]));
    for (const [i, stem] of parts.entries()) words.push({ stem, open: open && i === parts.length - 1, openStart: openStart && i === 0 });
  }
  return words;
}

export function compileLexicon(tables: Record<string, CueTable>, learned?: LearnedLexicon): Lexicon {
  const cues: Cue[] = [];
  for (const [lang, table] of Object.entries(tables)) {
    for (const category of CATEGORY_IDS) {
      if (category === 'other') continue;
      for (const [phrase, weight] of Object.entries(table[category] ?? {})) {
        const words = parsePhrase(phrase);
        if (words.length > 0) cues.push({ lang, category, phrase, weight, words });
      }
    }
  }
  return learned ? { cues, learned } : { cues };
}

/** A word or a pair of adjacent words, the features of a learned lexicon. */
export interface WordFeature {
  key: string;
  start: number;
  end: number;
}

const STEM_LENGTH = 5;

export function wordFeatures(tokens: Token[]): WordFeature[] {
  const out: WordFeature[] = [];
  tokens.forEach((token, i) => {
    out.push({ key: token.norm, start: token.start, end: token.end });
    // A crude stem ("delays" → "delay~") lets rare inflections share the weight of frequent ones. The bare root has
    // the stem too ("delay" → "delay~"): with stems only for longer words, "delay" and "delayed" shared nothing.
    if (token.norm.length >= STEM_LENGTH) out.push({ key: `${token.norm.slice(0, STEM_LENGTH)}~`, start: token.start, end: token.end });
    const next = tokens[i + 1];
    if (next) out.push({ key: `${token.norm} ${next.norm}`, start: token.start, end: next.end });
  });
  return out;
}

function wordMatches(pattern: WordPattern, token: string): boolean {
  if (pattern.open && pattern.openStart) return token.includes(pattern.stem);
  if (pattern.open) return token.startsWith(pattern.stem);
  if (pattern.openStart) return token.endsWith(pattern.stem);
  return token === pattern.stem;
}

/** The first occurrence of each cue in the tokens: a cue repeated in one post counts once. */
export function findCues(cues: readonly Cue[], tokens: Token[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const cue of cues) {
    for (let i = 0; i + cue.words.length <= tokens.length; i++) {
      if (cue.words.every((word, k) => wordMatches(word, tokens[i + k]!.norm))) {
        hits.push({ cue, start: tokens[i]!.start, end: tokens[i + cue.words.length - 1]!.end });
        break;
      }
    }
  }
  return hits;
}
