import { describe, expect, it } from 'vitest';
import { MARKERS, normalise } from '../../../src/core/sentiment/normalise.js';
import { NEGATED_PREFIX, NEGATION_MARKER, tokenise } from '../../../src/core/sentiment/tokenise.js';

const tokens = (text: string) => tokenise(normalise(text));
const neg = (word: string) => NEGATED_PREFIX + word;

describe('tokenise: negation scope', () => {
  it('marks English words after a negation until punctuation', () => {
    expect(tokens("I'm not happy, fine")).toEqual(['i', 'm', 'not', NEGATION_MARKER, neg('happy'), 'fine']);
    expect(tokens("don't like it")).toEqual(['do', 'not', NEGATION_MARKER, neg('like'), neg('it')]);
  });

  it('limits the scope to three words', () => {
    expect(tokens('never one two three four')).toEqual(['never', NEGATION_MARKER, neg('one'), neg('two'), neg('three'), 'four']);
  });

  it('handles French "ne … pas" and "pas" alone', () => {
    expect(tokens('je ne suis pas content')).toEqual(['je', 'ne', NEGATION_MARKER, neg('suis'), 'pas', NEGATION_MARKER, neg('content')]);
    expect(tokens("pas content de l'avion")).toEqual(['pas', NEGATION_MARKER, neg('content'), neg('de'), neg('l'), 'avion']);
  });

  it('handles Arabic and Darija negation, separate and fused', () => {
    expect(tokens('ما عجبني')).toEqual(['ما', NEGATION_MARKER, neg('عجبني')]);
    expect(tokens('ماعجبنيش الفيلم')).toEqual([neg('ماعجبنيش'), NEGATION_MARKER, neg('الفيلم')]);
    expect(tokens('ma3jbnich')).toEqual([neg('ma3jbnich'), NEGATION_MARKER]);
  });

  it('does not negate emoji or marker words', () => {
    expect(tokens('not 😡 @x')).toEqual(['not', NEGATION_MARKER, '😡', '_user']);
  });

  it('keeps ! and ? and splits emoji runs', () => {
    expect(tokens('wow!! 😍😍')).toEqual(['wow', '!', '!', '😍', '😍']);
  });

  it('turns laughter and bare numbers into marker words', () => {
    expect(tokens('hahaha mdr lol')).toEqual([MARKERS.laugh, MARKERS.laugh, MARKERS.laugh]);
    expect(tokens('ههههههه')).toEqual([MARKERS.laugh, MARKERS.elongation]);
    expect(tokens('flight 22 x3')).toEqual(['flight', MARKERS.number, 'x3']);
  });
});
