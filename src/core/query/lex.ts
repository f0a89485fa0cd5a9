import { QueryParseError } from './errors.js';

export type TokenType = 'word' | 'phrase' | 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'minus';

export interface Token {
  type: TokenType;
  /** The word as typed; for a phrase, the text between its quotes; for operators, the operator. */
  text: string;
  /** 1-based column in code points. */
  position: number;
  /** Whether whitespace (or the end) follows: a `-` must be glued to what it excludes. */
  spaceAfter: boolean;
}

/** Straight and typographic double quotes: chat apps turn `"` into `“ ”` as people type. */
const QUOTES = new Set(['"', '“', '”', '„']);
const GUILLEMET_OPEN = '«';
const GUILLEMET_CLOSE = '»';
const WHITESPACE = /\s/;
const OPERATORS: Record<string, TokenType> = { OR: 'or', AND: 'and', NOT: 'not' };

function isBoundary(ch: string): boolean {
  return WHITESPACE.test(ch) || ch === '(' || ch === ')' || QUOTES.has(ch) || ch === GUILLEMET_OPEN;
}

/** Column (1-based, in code points) of every code unit index of `src`, plus one past the end. */
function columnsOf(src: string): Uint32Array {
  const columns = new Uint32Array(src.length + 1);
  let column = 1;
  for (let i = 0; i < src.length; i++) {
    columns[i] = column;
    const code = src.charCodeAt(i);
    if (!(code >= 0xd800 && code <= 0xdbff)) column++;
  }
  columns[src.length] = column;
  return columns;
}

export interface Lexed {
  tokens: Token[];
  /** Column one past the last character, where "unexpected end" errors point. */
  endPosition: number;
}

export function lex(src: string): Lexed {
  const columns = columnsOf(src);
  const tokens: Token[] = [];
  const n = src.length;
  const spaceAt = (i: number): boolean => i >= n || WHITESPACE.test(src[i]!);
  let i = 0;
  while (i < n) {
    const ch = src[i]!;
    if (WHITESPACE.test(ch)) {
      i++;
      continue;
    }
    const position = columns[i]!;
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', text: ch, position, spaceAfter: spaceAt(i + 1) });
      i++;
      continue;
    }
    if (QUOTES.has(ch) || ch === GUILLEMET_OPEN) {
      const closes = ch === GUILLEMET_OPEN ? (c: string) => c === GUILLEMET_CLOSE : (c: string) => QUOTES.has(c);
      let j = i + 1;
      while (j < n && !closes(src[j]!)) j++;
      if (j >= n) throw new QueryParseError({ code: 'unterminated_phrase', position, expected: ['"'] });
      tokens.push({ type: 'phrase', text: src.slice(i + 1, j), position, spaceAfter: spaceAt(j + 1) });
      i = j + 1;
      continue;
    }
    if (ch === '-') {
      tokens.push({ type: 'minus', text: '-', position, spaceAfter: spaceAt(i + 1) });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isBoundary(src[j]!)) j++;
    const text = src.slice(i, j);
    tokens.push({ type: OPERATORS[text] ?? 'word', text, position, spaceAfter: spaceAt(j) });
    i = j;
  }
  return { tokens, endPosition: columns[n]! };
}
