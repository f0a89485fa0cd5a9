import { describe, expect, it } from 'vitest';
import { buildPolarityLexicon, markPolarity, POLARITY_MARKERS as M } from '../../../src/core/sentiment/polarity.js';
import { postTokens } from '../../../src/core/sentiment/post-tokens.js';
import { normalise } from '../../../src/core/sentiment/normalise.js';
import { tokenise } from '../../../src/core/sentiment/tokenise.js';

const lexicon = buildPolarityLexicon([
  ['terrible', -3],
  ['good', 3],
  ['déçu', -2],
  ['perdu', -2],
  ['does not work', -3],
  ['pain', -2],
  ['Pain', 1],
]);

describe('polarity markers', () => {
  it('normalises keys as posts are normalised, skips multi-word entries and drops keys given both signs', () => {
    expect(lexicon.get('decu')).toBe(-2);
    expect(lexicon.has('pain')).toBe(false);
    expect([...lexicon.keys()].some((k) => k.includes(' '))).toBe(false);
  });

  it('marks polar words, strong ones twice, and flips the marker inside a negation scope', () => {
    expect(markPolarity(tokenise(normalise('terrible service')), lexicon)).toEqual(['terrible', M.negative, M.strongNegative, 'service']);
    expect(markPolarity(tokenise(normalise('not good at all')), lexicon)).toContain(M.negatedPositive);
    expect(postTokens('Acme a perdu ma valise', lexicon).slice(0, 4)).toEqual(['acme', 'a', 'perdu', M.negative]);
  });

  it('leaves the tokens alone without a lexicon', () => {
    expect(postTokens('terrible service', undefined)).toEqual(['terrible', 'service']);
  });
});
