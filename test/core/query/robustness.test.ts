import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/core/query/ast.js';
import { compileQuery } from '../../../src/core/query/compile.js';
import { QueryParseError, QueryTranslateError } from '../../../src/core/query/errors.js';
import { matches } from '../../../src/core/query/match.js';
import { parseQuery } from '../../../src/core/query/parse.js';
import { prepareText } from '../../../src/core/query/prepare.js';
import { toXQuery } from '../../../src/core/query/translate.js';

describe('the query language on arbitrary input', () => {
  it('either parses or throws a QueryParseError, never anything else (seeded fuzz)', () => {
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = [
      'a',
      'é',
      'ش',
      '索',
      '😀',
      ' ',
      '(',
      ')',
      '"',
      '“',
      '«',
      '»',
      '-',
      '*',
      '#',
      '@',
      ':',
      'lang:',
      'OR',
      'AND',
      'NOT',
      "'",
      '_',
      '.',
    ];
    const outcomes = { parsed: 0, refused: 0 };
    // What went wrong, by input: collected rather than asserted in the catch blocks, which only some inputs reach.
    const surprises: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const src = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      let ast: QueryNode;
      try {
        ast = parseQuery(src);
      } catch (error) {
        outcomes.refused++;
        if (!(error instanceof QueryParseError)) surprises.push(`${src}: parse threw ${String(error)}`);
        else if (error.position < 1 || error.position > [...src].length + 1) surprises.push(`${src}: position ${error.position}`);
        continue;
      }
      outcomes.parsed++;
      // Whatever parses also compiles, matches and translates without surprises.
      const matched = matches(compileQuery(ast), prepareText({ text: 'a é ش 索 #a @a', lang: 'fr' }));
      if (typeof matched !== 'boolean') surprises.push(`${src}: match gave ${typeof matched}`);
      try {
        const translated = toXQuery(ast);
        if (typeof translated !== 'string') surprises.push(`${src}: translation gave ${typeof translated}`);
      } catch (error) {
        if (!(error instanceof QueryTranslateError)) surprises.push(`${src}: translation threw ${String(error)}`);
      }
    }
    // Both outcomes happened, so both checks above ran.
    expect(outcomes.parsed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(surprises).toEqual([]);
  });
});
