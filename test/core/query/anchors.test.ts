import { describe, expect, it } from 'vitest';
import { anchorsOf, PREFIX_KEY_LENGTH } from '../../../src/core/query/anchors.js';
import { compileQuery } from '../../../src/core/query/compile.js';

const anchors = (src: string) => anchorsOf(compileQuery(src).root);

describe('anchorsOf', () => {
  it('anchors leaves on their folded word, tag, handle or stem', () => {
    expect(anchors('Médias')).toEqual([{ kind: 'word', key: 'medias' }]);
    expect(anchors('#Acme')).toEqual([{ kind: 'tag', key: 'acme' }]);
    expect(anchors('@Acme')).toEqual([{ kind: 'handle', key: 'acme' }]);
    expect(anchors('boycott*')).toEqual([{ kind: 'prefix', key: 'boycott'.slice(0, PREFIX_KEY_LENGTH) }]);
    expect(anchors('الشركة')).toEqual([{ kind: 'word', key: 'شركه' }]);
  });

  it('anchors a phrase on its longest word', () => {
    expect(anchors('"the acmecorp group"')).toEqual([{ kind: 'word', key: 'acmecorp' }]);
    expect(anchors('coca-co*')).toEqual([{ kind: 'word', key: 'coca' }]);
  });

  it('takes the rarest-looking child of an AND and the union of an OR', () => {
    expect(anchors('the acmecorp -jobs')).toEqual([{ kind: 'word', key: 'acmecorp' }]);
    expect(anchors('acme OR #globex')).toEqual([
      { kind: 'word', key: 'acme' },
      { kind: 'tag', key: 'globex' },
    ]);
    expect(anchors('(a OR b OR c) initech')).toEqual([{ kind: 'word', key: 'initech' }]);
  });

  it('has no anchors when a match may hold none of the words', () => {
    expect(anchors('-spam')).toBeNull();
    expect(anchors('lang:fr')).toBeNull();
    expect(anchors('acme OR -spam')).toBeNull();
    expect(anchors('lang:fr -spam')).toBeNull();
    expect(anchors('lang:fr acme')).toEqual([{ kind: 'word', key: 'acme' }]);
  });
});
