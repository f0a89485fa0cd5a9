import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/core/query/ast.js';
import { QueryParseError, type QueryErrorDetail } from '../../../src/core/query/errors.js';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, parseQuery, tryParseQuery } from '../../../src/core/query/parse.js';

/** A compact reading of a tree: `t:word`, `p:"..."`, `@h`, `#t`, `lang:xx`, `and(...)`, `or(...)`, `not(...)`. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `t:${node.text}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `p:"${node.text}"`;
    case 'handle':
      return `@${node.handle}`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'lang':
      return `lang:${node.code}`;
    case 'not':
      return `not(${show(node.child)})`;
    default:
      return `${node.kind}(${node.children.map(show).join(', ')})`;
  }
}

const read = (src: string): string => show(parseQuery(src));

function errorOf(src: string): QueryErrorDetail {
  const result = tryParseQuery(src);
  if (result.ok) throw new Error(`expected ${src} to fail, got ${show(result.ast)}`);
  return result.error;
}

describe('parseQuery: structure and precedence', () => {
  it('reads juxtaposed operands as AND', () => {
    expect(read('acme strike')).toBe('and(t:acme, t:strike)');
    expect(read('acme AND strike')).toBe('and(t:acme, t:strike)');
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(read('a b OR c')).toBe('or(and(t:a, t:b), t:c)');
    expect(read('a OR b c')).toBe('or(t:a, and(t:b, t:c))');
    expect(read('NOT a b')).toBe('and(not(t:a), t:b)');
    expect(read('a OR NOT b c')).toBe('or(t:a, and(not(t:b), t:c))');
    expect(read('-a OR b')).toBe('or(not(t:a), t:b)');
  });

  it('lets parentheses override precedence, nested', () => {
    expect(read('(a OR b) c')).toBe('and(or(t:a, t:b), t:c)');
    expect(read('a (b OR (c d))')).toBe('and(t:a, or(t:b, and(t:c, t:d)))');
    expect(read('((a))')).toBe('t:a');
    expect(read('-(a OR b) c')).toBe('and(not(or(t:a, t:b)), t:c)');
  });

  it('flattens nested operators of the same kind', () => {
    expect(read('a (b c) d')).toBe('and(t:a, t:b, t:c, t:d)');
    expect(read('a OR (b OR c)')).toBe('or(t:a, t:b, t:c)');
  });

  it('treats lower-case or/and/not as words', () => {
    expect(read('rock or roll')).toBe('and(t:rock, t:or, t:roll)');
    expect(read('not bad')).toBe('and(t:not, t:bad)');
  });

  it('reads -term, -"phrase", -@handle, -#tag, -lang:xx and double negation', () => {
    expect(read('acme -jobs -"job offer" -@acmejobs -#hiring -lang:en')).toBe(
      'and(t:acme, not(t:jobs), not(p:"job offer"), not(@acmejobs), not(#hiring), not(lang:en))',
    );
    expect(read('--acme')).toBe('not(not(t:acme))');
    expect(read('NOT -acme')).toBe('not(not(t:acme))');
  });

  it('keeps a hyphen inside a word as part of the term', () => {
    expect(read('coca-cola -pepsi')).toBe('and(t:coca-cola, not(t:pepsi))');
  });

  it('reads straight, typographic and French quotes as phrases', () => {
    expect(read('"bad service"')).toBe('p:"bad service"');
    expect(read('“bad service” acme')).toBe('and(p:"bad service", t:acme)');
    expect(read('«service client» acme')).toBe('and(p:"service client", t:acme)');
    expect(read('"a"b')).toBe('and(p:"a", t:b)');
  });

  it('reads @handle, #hashtag, lang:, wildcards and keeps the user spelling', () => {
    expect(read('@Acme_Support #BoycottAcme lang:FR Médias acm*')).toBe('and(@Acme_Support, #BoycottAcme, lang:fr, t:Médias, t:acm*)');
    expect(read('@acme@mastodon.social OR @acme.bsky.social')).toBe('or(@acme@mastodon.social, @acme.bsky.social)');
  });

  it('reads Arabic queries', () => {
    expect(read('شركة OR "خدمة العملاء" -وظائف')).toBe('or(t:شركة, and(p:"خدمة العملاء", not(t:وظائف)))');
  });

  it('records 1-based code point columns', () => {
    const ast = parseQuery('😀x "x y" (-acme)');
    expect(ast.kind).toBe('and');
    if (ast.kind !== 'and') return;
    const [emoji, phrase, not] = ast.children;
    expect(emoji).toMatchObject({ kind: 'term', position: 1 });
    expect(phrase).toMatchObject({ kind: 'phrase', position: 4 });
    expect(not).toMatchObject({ kind: 'not', position: 11, child: { kind: 'term', position: 12 } });
  });
});

describe('parseQuery: errors are data with a code, a position and what was expected', () => {
  it.each([
    ['', { code: 'empty_query', position: 1, expected: ['term', 'phrase', '('] }],
    ['   ', { code: 'empty_query', position: 1, expected: ['term', 'phrase', '('] }],
    ['acme OR )', { code: 'unexpected_token', position: 9, expected: ['term', 'phrase', '('], found: ')' }],
    ['acme )', { code: 'unexpected_token', position: 6, expected: ['term', 'OR', 'end'], found: ')' }],
    ['OR acme', { code: 'unexpected_token', position: 1, expected: ['term', 'phrase', '('], found: 'OR' }],
    ['acme OR OR b', { code: 'unexpected_token', position: 9, expected: ['term', 'phrase', '('], found: 'OR' }],
    ['acme AND', { code: 'unexpected_end', position: 9, expected: ['term', 'phrase', '('] }],
    ['acme OR', { code: 'unexpected_end', position: 8, expected: ['term', 'phrase', '('] }],
    ['NOT', { code: 'unexpected_end', position: 4, expected: ['term', 'phrase', '('] }],
    ['(acme', { code: 'unexpected_end', position: 6, expected: [')'] }],
    ['(acme OR (b c)', { code: 'unexpected_end', position: 15, expected: [')'] }],
    ['()', { code: 'unexpected_token', position: 2, expected: ['term', 'phrase', '('], found: ')' }],
    ['acme "bad service', { code: 'unterminated_phrase', position: 6, expected: ['"'] }],
    ['acme ""', { code: 'empty_phrase', position: 6, expected: ['word'], found: '' }],
    ['acme " !? "', { code: 'empty_phrase', position: 6, expected: ['word'], found: ' !? ' }],
    ['acme - strike', { code: 'detached_minus', position: 6, expected: ['term', 'phrase', '('], found: '-' }],
    ['acme -', { code: 'detached_minus', position: 6, expected: ['term', 'phrase', '('], found: '-' }],
    ['acme !!!', { code: 'no_word', position: 6, expected: ['word'], found: '!!!' }],
    ['ac*me', { code: 'invalid_wildcard', position: 1, expected: ['word'], found: 'ac*me' }],
    ['*', { code: 'invalid_wildcard', position: 1, expected: ['word'], found: '*' }],
    ['x a*', { code: 'wildcard_too_short', position: 3, expected: ['word'], found: 'a*', limit: 2 }],
    ["x l'*", { code: 'wildcard_too_short', position: 3, expected: ['word'], found: "l'*", limit: 2 }],
    ['acme #', { code: 'invalid_hashtag', position: 6, expected: ['hashtag'], found: '#' }],
    ['#acme!', { code: 'invalid_hashtag', position: 1, expected: ['hashtag'], found: '#acme!' }],
    ['acme @', { code: 'invalid_handle', position: 6, expected: ['handle'], found: '@' }],
    ['acme lang:french', { code: 'invalid_lang', position: 6, expected: ['lang_code'], found: 'lang:french' }],
    ['acme lang:', { code: 'invalid_lang', position: 6, expected: ['lang_code'], found: 'lang:' }],
    ['« acme', { code: 'unterminated_phrase', position: 1, expected: ['"'] }],
    ['مرحبا )', { code: 'unexpected_token', position: 7, expected: ['term', 'OR', 'end'], found: ')' }],
  ] satisfies [string, QueryErrorDetail][])('%j', (src, expected) => {
    expect(errorOf(src)).toEqual(expected);
  });

  it('throws a QueryParseError carrying the same detail', () => {
    let caught: unknown;
    try {
      parseQuery('acme OR )');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QueryParseError);
    const error = caught as QueryParseError;
    expect(error.code).toBe('unexpected_token');
    expect(error.position).toBe(9);
    expect(error.toDetail()).toEqual(errorOf('acme OR )'));
  });

  it('bounds the length and the nesting of a query', () => {
    expect(errorOf('a '.repeat(MAX_QUERY_LENGTH))).toMatchObject({ code: 'too_long', limit: MAX_QUERY_LENGTH });
    const deep = `${'('.repeat(MAX_QUERY_DEPTH + 1)}a${')'.repeat(MAX_QUERY_DEPTH + 1)}`;
    expect(errorOf(deep)).toMatchObject({ code: 'too_deep', position: MAX_QUERY_DEPTH + 1, limit: MAX_QUERY_DEPTH });
    expect(errorOf(`${'-'.repeat(MAX_QUERY_DEPTH + 1)}a`)).toMatchObject({ code: 'too_deep' });
    expect(read(`${'('.repeat(MAX_QUERY_DEPTH)}a${')'.repeat(MAX_QUERY_DEPTH)}`)).toBe('t:a');
  });
});
