/**
 * Errors of the query language are data: a code, a position and what was expected. Whoever shows them to a user
 * renders the words through the message catalogue; `message` is English for logs only.
 */

export const QUERY_ERROR_CODES = [
  'empty_query',
  'unexpected_token',
  'unexpected_end',
  'unterminated_phrase',
  'empty_phrase',
  'no_word',
  'detached_minus',
  'invalid_wildcard',
  'wildcard_too_short',
  'invalid_hashtag',
  'invalid_handle',
  'invalid_lang',
  'too_long',
  'too_deep',
] as const;
export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

/**
 * What the parser would have accepted at the error position. `term` stands for any operand (word, `@handle`,
 * `#tag`, `lang:xx`, possibly negated); `word` for at least one letter or digit; `end` for the end of the query.
 */
export const QUERY_EXPECTED = ['term', 'phrase', '(', ')', '"', 'OR', 'end', 'word', 'hashtag', 'handle', 'lang_code'] as const;
export type QueryExpected = (typeof QUERY_EXPECTED)[number];

export interface QueryErrorDetail {
  code: QueryErrorCode;
  /** 1-based column, in Unicode code points; one past the last character for errors at the end. */
  position: number;
  expected: QueryExpected[];
  /** The offending text, when there is one. */
  found?: string;
  /** The limit that was exceeded, for `too_long` and `too_deep`. */
  limit?: number;
}

export class QueryParseError extends Error {
  override readonly name = 'QueryParseError';
  readonly code: QueryErrorCode;
  readonly position: number;
  readonly expected: QueryExpected[];
  readonly found: string | undefined;
  readonly limit: number | undefined;

  constructor(detail: QueryErrorDetail) {
    const found = detail.found === undefined ? '' : ` at ${JSON.stringify(detail.found)}`;
    const expected = detail.expected.length > 0 ? `, expected ${detail.expected.join(' | ')}` : '';
    super(`${detail.code}${found} (column ${detail.position})${expected}`);
    this.code = detail.code;
    this.position = detail.position;
    this.expected = detail.expected;
    this.found = detail.found;
    this.limit = detail.limit;
  }

  /** The plain-data form, for a catalogue renderer or a JSON reply. */
  toDetail(): QueryErrorDetail {
    const detail: QueryErrorDetail = { code: this.code, position: this.position, expected: [...this.expected] };
    if (this.found !== undefined) detail.found = this.found;
    if (this.limit !== undefined) detail.limit = this.limit;
    return detail;
  }
}

export const TRANSLATE_ERROR_CODES = ['too_long', 'no_positive_term', 'too_many_queries'] as const;
export type TranslateErrorCode = (typeof TRANSLATE_ERROR_CODES)[number];

/** A query that cannot be sent to another search engine as it stands. */
export class QueryTranslateError extends Error {
  override readonly name = 'QueryTranslateError';
  readonly code: TranslateErrorCode;
  /** Which engine refused it: `x` or a keyword dialect's name. */
  readonly target: string;
  /** The engine's limit (characters or queries) and the size reached, when the code is about a limit. */
  readonly limit: number | undefined;
  readonly actual: number | undefined;

  constructor(code: TranslateErrorCode, target: string, sizes?: { limit: number; actual: number }) {
    super(`${code} for ${target}${sizes ? ` (${sizes.actual} > ${sizes.limit})` : ''}`);
    this.code = code;
    this.target = target;
    this.limit = sizes?.limit;
    this.actual = sizes?.actual;
  }
}
