import { describe, expect, it } from 'vitest';
import { FeatureExtractor, type FeatureSpec } from '../../../src/core/sentiment/features.js';

const spec: FeatureSpec = { hashBits: 20, charMin: 2, charMax: 5, wordBigrams: true, conjoinWords: true, conjoinChars: true };
const bucketsOf = (extractor: FeatureExtractor, tokens: string[], slot: number) =>
  Array.from(extractor.indices.subarray(0, extractor.extract(tokens, slot)));

describe('FeatureExtractor', () => {
  it('emits bias, word, bigram and in-word character n-grams', () => {
    const extractor = new FeatureExtractor({ ...spec, conjoinWords: false, conjoinChars: false });
    // "ab" framed as " ab ": 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; 4-gram " ab ".
    expect(bucketsOf(extractor, ['ab'], 0)).toHaveLength(1 + 1 + 6);
    expect(bucketsOf(extractor, ['ab', 'cd'], 0)).toHaveLength(1 + 2 + 1 + 12);
  });

  it('adds a language-conjoined copy of every feature for every language slot, the first included', () => {
    const extractor = new FeatureExtractor(spec);
    const shared = bucketsOf(extractor, ['hello', 'world'], 0);
    for (const slot of [1, 2, 8]) {
      const conjoined = bucketsOf(extractor, ['hello', 'world'], slot);
      expect(conjoined).toHaveLength(2 * shared.length);
      expect(conjoined.filter((b) => shared.includes(b)).length).toBeGreaterThanOrEqual(shared.length);
    }
    expect(bucketsOf(extractor, ['hello'], 1)).not.toEqual(bucketsOf(extractor, ['hello'], 2));
  });

  it('shares character n-grams between a word and its negated form, not the word feature', () => {
    const extractor = new FeatureExtractor({ ...spec, conjoinWords: false, conjoinChars: false });
    const plain = bucketsOf(extractor, ['happy'], 0);
    const negated = bucketsOf(extractor, ['neg_happy'], 0);
    expect(negated.slice(2)).toEqual(plain.slice(2));
    expect(negated[1]).not.toBe(plain[1]);
  });

  it('keeps buckets inside the table', () => {
    const extractor = new FeatureExtractor({ ...spec, hashBits: 8 });
    const buckets = bucketsOf(extractor, ['une', 'phrase', 'française', 'ما', 'عجبني'], 3);
    // At least the bias and one feature per word, twice over for the language slot: `every` below is not about nothing.
    expect(buckets.length).toBeGreaterThanOrEqual(2 * (1 + 5));
    expect(buckets.every((b) => b >= 0 && b < 256)).toBe(true);
  });
});
