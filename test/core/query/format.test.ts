import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/core/query/ast.js';
import { formatQuery } from '../../../src/core/query/format.js';
import { parseQuery } from '../../../src/core/query/parse.js';

/** The tree without source positions, which formatting cannot keep. */
function shape(node: QueryNode): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map(shape) };
    case 'not':
      return { kind: 'not', child: shape(node.child) };
    default: {
      const { position: _position, ...rest } = node;
      return rest;
    }
  }
}

describe('formatQuery', () => {
  it.each([
    'acme',
    'acme strike',
    '(acme OR "acme group") -jobs lang:fr',
    '(a b) OR c',
    'a OR b c OR d',
    '-(a OR b) -(c d) NOT e',
    '--a',
    '@acme@mastodon.social #BoycottAcme médias* coca-cola',
    "l'Acme «service client» “bad service”",
    'شركة OR "خدمة العملاء" -وظائف',
    '((a OR (b c)) d) OR -(e OR -f)',
  ])('reads back as the same tree: %s', (src) => {
    const ast = parseQuery(src);
    expect(shape(parseQuery(formatQuery(ast)))).toEqual(shape(ast));
  });

  it('writes a canonical form', () => {
    expect(formatQuery(parseQuery('acme   AND  (strike OR (grève))  NOT  jobs'))).toBe('acme (strike OR grève) -jobs');
    expect(formatQuery(parseQuery('a b OR c'))).toBe('(a b) OR c');
    expect(formatQuery(parseQuery('«service client»'))).toBe('"service client"');
  });

  it('quotes a built term that would not read back as a term', () => {
    expect(formatQuery({ kind: 'term', text: 'OR', prefix: false, position: 1 })).toBe('"OR"');
    expect(formatQuery({ kind: 'term', text: '-5%', prefix: false, position: 1 })).toBe('"-5%"');
    expect(formatQuery({ kind: 'term', text: 'lang:fr', prefix: false, position: 1 })).toBe('"lang:fr"');
  });

  it('lets a command append terms and exclusions to a stored query', () => {
    const stored = parseQuery('acme OR "acme group"');
    const added = { kind: 'or' as const, children: [stored, parseQuery('#acme'), parseQuery('acmé')] };
    const excluded = { kind: 'and' as const, children: [added, parseQuery('-jobs')] };
    expect(formatQuery(excluded)).toBe('(acme OR "acme group" OR #acme OR acmé) -jobs');
  });
});
