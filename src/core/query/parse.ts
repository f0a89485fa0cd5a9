import type { LeafNode, QueryAst, QueryNode } from './ast.js';
import { QueryParseError, type QueryErrorDetail, type QueryExpected } from './errors.js';
import { lex, type Token } from './lex.js';
import { wordsOf } from './normalise.js';

/** Longest accepted query, in UTF-16 code units: bounds parsing and matching cost for any input. */
export const MAX_QUERY_LENGTH = 2000;
/** Deepest accepted nesting of parentheses and negations. */
export const MAX_QUERY_DEPTH = 32;
/** Shortest stem of a `term*` wildcard, in folded letters and digits. */
export const MIN_WILDCARD_STEM = 2;

const OPERAND: QueryExpected[] = ['term', 'phrase', '('];
const NAME_BODY = /^[\p{L}\p{N}\p{M}_]+$/u;
const HANDLE_BODY = /^[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}_.-]*(@[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}_.-]*)?$/u;
const LANG_PREFIX = /^lang:/i;
const LANG_CODE = /^[a-z]{2,3}$/i;

export type ParseResult = { ok: true; ast: QueryAst } | { ok: false; error: QueryErrorDetail };

/**
 * Parses a query. Precedence, tightest first: `NOT`/`-`, then AND (explicit `AND` or juxtaposition), then `OR`.
 * Operators are upper case; lower-case `or`, `and`, `not` are ordinary words.
 * @throws QueryParseError
 */
export function parseQuery(src: string): QueryAst {
  if (src.length > MAX_QUERY_LENGTH) {
    throw new QueryParseError({ code: 'too_long', position: MAX_QUERY_LENGTH + 1, expected: [], limit: MAX_QUERY_LENGTH });
  }
  const { tokens, endPosition } = lex(src);
  if (tokens.length === 0) throw new QueryParseError({ code: 'empty_query', position: 1, expected: OPERAND });
  return new Parser(tokens, endPosition).parse();
}

/** Same as parseQuery, with the error as data instead of an exception. */
export function tryParseQuery(src: string): ParseResult {
  try {
    return { ok: true, ast: parseQuery(src) };
  } catch (error) {
    if (error instanceof QueryParseError) return { ok: false, error: error.toDetail() };
    throw error;
  }
}

function startsOperand(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.type === 'word' || token.type === 'phrase' || token.type === 'lparen' || token.type === 'not' || token.type === 'minus')
  );
}

class Parser {
  private next = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly endPosition: number,
  ) {}

  parse(): QueryAst {
    const ast = this.parseOr(0);
    const extra = this.peek();
    if (extra) this.fail(extra, ['term', 'OR', 'end']);
    return ast;
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }

  private fail(token: Token | undefined, expected: QueryExpected[]): never {
    if (!token) throw new QueryParseError({ code: 'unexpected_end', position: this.endPosition, expected });
    throw new QueryParseError({ code: 'unexpected_token', position: token.position, expected, found: token.text });
  }

  private parseOr(depth: number): QueryNode {
    const children = [this.parseAnd(depth)];
    while (this.peek()?.type === 'or') {
      this.next++;
      children.push(this.parseAnd(depth));
    }
    return group('or', children);
  }

  private parseAnd(depth: number): QueryNode {
    const children = [this.parseUnary(depth)];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'and') {
        this.next++;
        children.push(this.parseUnary(depth));
      } else if (startsOperand(token)) {
        children.push(this.parseUnary(depth));
      } else {
        return group('and', children);
      }
    }
  }

  private parseUnary(depth: number): QueryNode {
    const token = this.peek();
    if (token?.type !== 'not' && token?.type !== 'minus') return this.parsePrimary(depth);
    if (depth >= MAX_QUERY_DEPTH) {
      throw new QueryParseError({ code: 'too_deep', position: token.position, expected: [], found: token.text, limit: MAX_QUERY_DEPTH });
    }
    if (token.type === 'minus' && token.spaceAfter) {
      throw new QueryParseError({ code: 'detached_minus', position: token.position, expected: OPERAND, found: '-' });
    }
    this.next++;
    return { kind: 'not', child: this.parseUnary(depth + 1), position: token.position };
  }

  private parsePrimary(depth: number): QueryNode {
    const token = this.peek();
    if (token?.type === 'word') {
      this.next++;
      return leafOf(token);
    }
    if (token?.type === 'phrase') {
      this.next++;
      if (wordsOf(token.text).length === 0) {
        throw new QueryParseError({ code: 'empty_phrase', position: token.position, expected: ['word'], found: token.text });
      }
      return { kind: 'phrase', text: token.text, position: token.position };
    }
    if (token?.type === 'lparen') {
      if (depth >= MAX_QUERY_DEPTH) {
        throw new QueryParseError({ code: 'too_deep', position: token.position, expected: [], found: '(', limit: MAX_QUERY_DEPTH });
      }
      this.next++;
      const inner = this.parseOr(depth + 1);
      const close = this.peek();
      if (close?.type !== 'rparen') this.fail(close, [')']);
      this.next++;
      return inner;
    }
    return this.fail(token, OPERAND);
  }
}

/** Builds an AND/OR node, flattening children of the same kind: `a (b c)` is one AND of three. */
function group(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0]!;
  const flat: QueryNode[] = [];
  for (const child of children) {
    if (child.kind === kind) flat.push(...child.children);
    else flat.push(child);
  }
  return { kind, children: flat };
}

function leafOf(token: Token): LeafNode {
  const { text, position } = token;
  if (text.startsWith('#')) {
    const tag = text.slice(1);
    if (!NAME_BODY.test(tag)) throw new QueryParseError({ code: 'invalid_hashtag', position, expected: ['hashtag'], found: text });
    return { kind: 'hashtag', tag, position };
  }
  if (text.startsWith('@')) {
    const handle = text.slice(1);
    if (!HANDLE_BODY.test(handle)) throw new QueryParseError({ code: 'invalid_handle', position, expected: ['handle'], found: text });
    return { kind: 'handle', handle, position };
  }
  if (LANG_PREFIX.test(text)) {
    const code = text.slice('lang:'.length);
    if (!LANG_CODE.test(code)) throw new QueryParseError({ code: 'invalid_lang', position, expected: ['lang_code'], found: text });
    return { kind: 'lang', code: code.toLowerCase(), position };
  }
  return termOf(text, position);
}

function termOf(text: string, position: number): LeafNode {
  const star = text.indexOf('*');
  const prefix = star === text.length - 1 && star > 0;
  if (star !== -1 && !prefix) throw new QueryParseError({ code: 'invalid_wildcard', position, expected: ['word'], found: text });
  const stem = prefix ? text.slice(0, -1) : text;
  const words = wordsOf(stem);
  if (words.length === 0) throw new QueryParseError({ code: 'no_word', position, expected: ['word'], found: text });
  if (prefix && [...words.join('')].length < MIN_WILDCARD_STEM) {
    throw new QueryParseError({ code: 'wildcard_too_short', position, expected: ['word'], found: text, limit: MIN_WILDCARD_STEM });
  }
  return { kind: 'term', text: stem, prefix, position };
}
