/**
 * Hashed sparse features of a token list: word unigrams and bigrams, character n-grams inside each word
 * (with word-boundary marks), and a bias. Each feature is emitted once shared by all languages and, when the
 * post's language has a slot, once more conjoined with that language, so one table serves every language
 * while letting each learn its own weights. Hashes are computed on char codes without building n-gram strings:
 * this loop is the classifier's hot path.
 */
import { NEGATED_PREFIX } from './tokenise.js';

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  hashBits: number;
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  /** Emit language-conjoined copies of word features (and of the bias). */
  conjoinWords: boolean;
  /** Emit language-conjoined copies of character n-grams. */
  conjoinChars: boolean;
  /** Posts carry polarity-lexicon markers (polarity.ts): the model then needs the same lexicon to serve. */
  polarityMarkers?: boolean;
}

const SEED_WORD = 0x9e3779b1;
const SEED_CHAR = 0x85ebca6b;
const SEED_BIGRAM = 0xc2b2ae35;
const BIAS = 0x27d4eb2f;
const LANG_MIX = 0x165667b1;
const BOUNDARY = 0x20;
const NEGATED_PREFIX_LENGTH = NEGATED_PREFIX.length;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function step(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

function hashWord(word: string): number {
  let h = SEED_WORD;
  for (let i = 0; i < word.length; i++) h = step(h, word.charCodeAt(i));
  return fmix(h);
}

/** Reusable extractor: `extract` fills an internal buffer and returns how many bucket indices it wrote. */
export class FeatureExtractor {
  readonly spec: FeatureSpec;
  private buffer: Int32Array;
  private readonly mask: number;
  private codes = new Uint16Array(64);

  constructor(spec: FeatureSpec) {
    this.spec = spec;
    this.mask = (1 << spec.hashBits) - 1;
    this.buffer = new Int32Array(1024);
  }

  get indices(): Int32Array {
    return this.buffer;
  }

  /** `langSlot` 0 means no language-specific features. */
  extract(tokens: readonly string[], langSlot: number): number {
    const { spec } = this;
    let n = 0;
    const langSalt = fmix(Math.imul(langSlot + 1, LANG_MIX));
    const conjWords = spec.conjoinWords && langSlot !== 0;
    const conjChars = spec.conjoinChars && langSlot !== 0;
    const worst = 4 + tokens.length * 4 + this.charBudget(tokens) * (conjChars ? 2 : 1);
    if (worst > this.buffer.length) this.buffer = new Int32Array(worst * 2);
    const buf = this.buffer;
    const mask = this.mask;

    buf[n++] = fmix(BIAS) & mask;
    if (conjWords) buf[n++] = fmix(BIAS ^ langSalt) & mask;

    let previous = 0;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      const hw = hashWord(token);
      buf[n++] = hw & mask;
      if (conjWords) buf[n++] = fmix(hw ^ langSalt) & mask;
      if (spec.wordBigrams && t > 0) {
        const hb = fmix(Math.imul(previous, SEED_BIGRAM) ^ hw);
        buf[n++] = hb & mask;
        if (conjWords) buf[n++] = fmix(hb ^ langSalt) & mask;
      }
      previous = hw;
      n = this.charGrams(token, buf, n, conjChars, langSalt);
    }
    return n;
  }

  private charBudget(tokens: readonly string[]): number {
    let total = 0;
    const span = this.spec.charMax - this.spec.charMin + 1;
    for (const token of tokens) total += (token.length + 2) * span;
    return total;
  }

  private charGrams(token: string, buf: Int32Array, n: number, conjoin: boolean, langSalt: number): number {
    const first = token.charCodeAt(0);
    // Marker words and emoji carry no useful sub-word structure.
    if (first === 0x5f || (token.length < 2 && first > 0x2fff)) return n;
    const start = token.startsWith(NEGATED_PREFIX) ? NEGATED_PREFIX_LENGTH : 0;
    const length = token.length - start + 2;
    if (length > this.codes.length) this.codes = new Uint16Array(length * 2);
    const codes = this.codes;
    codes[0] = BOUNDARY;
    for (let i = start; i < token.length; i++) codes[i - start + 1] = token.charCodeAt(i);
    codes[length - 1] = BOUNDARY;
    const { charMin, charMax } = this.spec;
    const mask = this.mask;
    for (let i = 0; i < length; i++) {
      let h = SEED_CHAR;
      const end = Math.min(length, i + charMax);
      for (let j = i; j < end; j++) {
        h = step(h, codes[j]!);
        if (j - i + 1 >= charMin) {
          const f = fmix(h);
          buf[n++] = f & mask;
          if (conjoin) buf[n++] = fmix(f ^ langSalt) & mask;
        }
      }
    }
    return n;
  }
}
