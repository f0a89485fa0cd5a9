import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/core/query/ast.js';
import { compileQuery } from '../../../src/core/query/compile.js';
import { QueryParseError, QueryTranslateError } from '../../../src/core/query/errors.js';
import { formatQuery } from '../../../src/core/query/format.js';
import { lex } from '../../../src/core/query/lex.js';
import { matches } from '../../../src/core/query/match.js';
import { MAX_QUERY_LENGTH, parseQuery } from '../../../src/core/query/parse.js';
import { prepareText } from '../../../src/core/query/prepare.js';
import { toXQuery } from '../../../src/core/query/translate.js';

/** Pieces a query is made of, hostile ones included (typographic quotes, operators, emoji, Arabic, lone surrogates). */
const piece = fc.constantFrom(
  'acme',
  'Acme',
  'é',
  'ش',
  'شركة',
  '索',
  '😀',
  ' ',
  '  ',
  '(',
  ')',
  '"',
  '“',
  '”',
  '«',
  '»',
  '-',
  '*',
  '#',
  '#acme',
  '@',
  '@acme',
  ':',
  'lang:',
  'lang:fr',
  'OR',
  'AND',
  'NOT',
  'or',
  "'",
  '_',
  '.',
  '\uD800',
  '\t',
  '\n',
);
const queryText = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Leaves and operators of an AST: its size. */
function size(node: QueryNode): number {
  if (node.kind === 'and' || node.kind === 'or') return 1 + node.children.reduce((n, c) => n + size(c), 0);
  if (node.kind === 'not') return 1 + size(node.child);
  return 1;
}

/**
 * Parse, and for what parses compile, match, format (the result must parse again) and translate to X (which may
 * refuse with its own error): what went wrong, if anything, as text.
 */
function tryQuery(src: string): { kind: 'parsed' | 'refused'; surprise?: string } {
  let ast: QueryNode;
  try {
    ast = parseQuery(src);
  } catch (error) {
    if (!(error instanceof QueryParseError)) return { kind: 'refused', surprise: `parse threw ${String(error)}` };
    const limit = Math.max([...src].length, MAX_QUERY_LENGTH) + 1;
    return error.position >= 1 && error.position <= limit ? { kind: 'refused' } : { kind: 'refused', surprise: `column ${error.position}` };
  }
  try {
    if (typeof matches(compileQuery(ast), sample) !== 'boolean') return { kind: 'parsed', surprise: 'match is not a boolean' };
    if (parseQuery(formatQuery(ast)).kind !== ast.kind) return { kind: 'parsed', surprise: `formatted as ${formatQuery(ast)}` };
  } catch (error) {
    return { kind: 'parsed', surprise: `compile, match or format threw ${String(error)}` };
  }
  try {
    toXQuery(ast);
  } catch (error) {
    if (!(error instanceof QueryTranslateError)) return { kind: 'parsed', surprise: `translate threw ${String(error)}` };
  }
  return { kind: 'parsed' };
}

const sample = prepareText({ text: 'Acme é شركة 索 😀 #acme @acme', author: 'acme', lang: 'fr' });

describe('the query parser on any input (fast-check)', () => {
  it('parses, or throws a QueryParseError at a column inside the input, never anything else', () => {
    const outcomes = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(queryText, (src) => {
        const outcome = tryQuery(src);
        outcomes[outcome.kind === 'parsed' ? 'parsed' : 'refused'] += 1;
        expect(outcome.surprise).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
    // Both ways were taken many times: the property is not only about refusals.
    expect(outcomes.parsed).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(300);
  });

  it('does work proportional to the input: at most one token per character, a tree no larger than its tokens', () => {
    fc.assert(
      fc.property(queryText, (src) => {
        // The lexer refuses what it cannot read (an unclosed quote) with the parser's own error; that is checked above.
        const lexed = (() => {
          try {
            return lex(src);
          } catch {
            return { tokens: [] };
          }
        })();
        const ast = (() => {
          try {
            return parseQuery(src);
          } catch {
            return undefined;
          }
        })();
        expect(lexed.tokens.length).toBeLessThanOrEqual(src.length);
        // Each leaf comes from a token, each operator node from a token or a juxtaposition between two: ≤ 2 × tokens.
        expect(ast === undefined ? 0 : size(ast)).toBeLessThanOrEqual(2 * lexed.tokens.length);
      }),
      { numRuns: 3_000 },
    );
  });

  it('grows linearly: a query repeated k times in an OR has k times the leaves and tokens', () => {
    const leaves = (node: QueryNode): number =>
      node.kind === 'and' || node.kind === 'or' ? node.children.reduce((n, c) => n + leaves(c), 0) : node.kind === 'not' ? leaves(node.child) : 1;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('acme', '"acme air"', '#acme', '@acme', 'refund*', '-jobs', 'lang:fr'), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (parts, k) => {
          const one = `(${parts.join(' ')})`;
          const many = Array.from({ length: k }, () => one).join(' OR ');
          expect(lex(many).tokens.length).toBe(k * lex(one).tokens.length + (k - 1));
          expect(leaves(parseQuery(many))).toBe(k * leaves(parseQuery(one)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
