import { describe, expect, it } from 'vitest';
import { QueryTranslateError } from '../../../src/core/query/errors.js';
import { parseQuery } from '../../../src/core/query/parse.js';
import {
  hashtagsOf,
  KEYWORD_DIALECTS,
  toKeywordQueries,
  toXQuery,
  X_MAX_QUERY_LENGTH,
  type KeywordEngine,
} from '../../../src/core/query/translate.js';

const x = (src: string): string => toXQuery(parseQuery(src));
const keywords = (src: string, engine: KeywordEngine): string[] => toKeywordQueries(parseQuery(src), engine);

function translateError(run: () => unknown): QueryTranslateError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryTranslateError) return error;
    throw error;
  }
  throw new Error('expected a QueryTranslateError');
}

describe('toXQuery', () => {
  it('writes terms, phrases, OR, exclusions, hashtags and lang: as X operators', () => {
    expect(x('(acme OR "acme group" OR #acme) -jobs lang:fr')).toBe('(acme OR "acme group" OR #acme) -jobs lang:fr');
    expect(x('acme strike OR globex recall')).toBe('(acme strike) OR (globex recall)');
  });

  it('turns @handle into author or mention, and negates each operator', () => {
    expect(x('@acme')).toBe('from:acme OR @acme');
    expect(x('refund @acme')).toBe('refund (from:acme OR @acme)');
    expect(x('acme -@acmejobs')).toBe('acme -from:acmejobs -@acmejobs');
  });

  it('quotes a handle that is not an X user name', () => {
    expect(x('@acme.bsky.social')).toBe('"acme.bsky.social"');
  });

  it('pushes negation into groups, because X cannot negate a group', () => {
    expect(x('acme -(spam OR "job offer")')).toBe('acme -spam -"job offer"');
    expect(x('acme NOT NOT strike')).toBe('acme strike');
  });

  it('widens what X cannot express instead of narrowing it', () => {
    expect(x('acme -(free coupon)')).toBe('acme');
    expect(x('médias*')).toBe('médias');
  });

  it('quotes terms X would split (punctuation) and keeps accents (X folds them itself)', () => {
    expect(x("coca-cola l'Oréal")).toBe('"coca-cola" "l\'Oréal"');
    expect(x('شركة OR "خدمة العملاء"')).toBe('شركة OR "خدمة العملاء"');
  });

  it('refuses a query without a positive standalone operator', () => {
    expect(translateError(() => x('lang:fr')).code).toBe('no_positive_term');
    expect(translateError(() => x('-spam')).code).toBe('no_positive_term');
    expect(translateError(() => x('acme OR lang:fr')).code).toBe('no_positive_term');
  });

  it('refuses a query longer than 512 characters, or the given limit', () => {
    const long = Array.from({ length: 60 }, (_, i) => `brand${i}`).join(' OR ');
    const error = translateError(() => x(long));
    expect(error).toMatchObject({ code: 'too_long', target: 'x', limit: X_MAX_QUERY_LENGTH });
    expect(error.actual).toBeGreaterThan(X_MAX_QUERY_LENGTH);
    expect(toXQuery(parseQuery(long), { maxLength: 1024 })).toContain('brand59');
  });
});

describe('toKeywordQueries', () => {
  const query = '(acme OR "acme group" OR @acme) (strike OR grève) -jobs -#ad lang:fr';

  it('writes one boolean string for engines with OR and parentheses', () => {
    expect(keywords(query, 'googleNews')).toEqual(['(acme OR "acme group") (strike OR grève) -jobs']);
    expect(keywords(query, 'reddit')).toEqual(['(acme OR "acme group") (strike OR grève) NOT jobs']);
  });

  it('uses parenthesised OR lists of keywords for GDELT, and alternatives when that is not enough', () => {
    expect(keywords(query, 'gdelt')).toEqual(['(acme OR "acme group") (strike OR grève) -jobs']);
    expect(keywords('(acme strike) OR globex', 'gdelt')).toEqual(['acme strike', 'globex']);
  });

  it('sends one query per alternative to engines that require every word', () => {
    expect(keywords(query, 'hn')).toEqual(['acme strike -jobs', 'acme grève -jobs', '"acme group" strike -jobs', '"acme group" grève -jobs']);
  });

  it('uses | for YouTube when the query is a plain OR, alternatives otherwise', () => {
    expect(keywords('acme OR globex -spam', 'youtube')).toEqual(['acme', 'globex -spam']);
    expect(keywords('acme OR globex', 'youtube')).toEqual(['acme | globex']);
  });

  it('keeps hashtags for Bluesky and searches other engines for the word', () => {
    expect(keywords('#acme -#ad', 'bluesky')).toEqual(['#acme -#ad']);
    expect(keywords('#acme -#ad', 'googleNews')).toEqual(['acme']);
  });

  it('refuses what cannot be searched, or would need too many queries', () => {
    expect(translateError(() => keywords('lang:fr -spam', 'googleNews')).code).toBe('no_positive_term');
    const wide = '(a OR b OR c) (d OR e OR f)';
    expect(translateError(() => keywords(wide, 'hn'))).toMatchObject({
      code: 'too_many_queries',
      limit: KEYWORD_DIALECTS.hn.maxQueries,
    });
    expect(keywords(wide, 'googleNews')).toEqual(['(a OR b OR c) (d OR e OR f)']);
  });

  it('checks the engine length limit', () => {
    const long = Array.from({ length: 80 }, (_, i) => `brand${i}`).join(' OR ');
    expect(translateError(() => keywords(long, 'reddit'))).toMatchObject({ code: 'too_long', target: 'reddit', limit: 512 });
  });
});

describe('hashtagsOf', () => {
  it('takes hashtags and single-word terms, never exclusions, phrases, wildcards, handles or lang', () => {
    expect(hashtagsOf(parseQuery('#BoycottAcme OR acme OR "acme group" OR acm* OR @acme -#ad -spam lang:fr'))).toEqual(['BoycottAcme', 'acme']);
  });

  it('takes the rarest-looking part of an AND, every alternative of an OR', () => {
    expect(hashtagsOf(parseQuery('the acmecorp strike'))).toEqual(['acmecorp']);
    expect(hashtagsOf(parseQuery('(acme OR globex) (strike OR grève)'))).toEqual(['strike', 'grève']);
    expect(hashtagsOf(parseQuery('acme #boycott'))).toEqual(['boycott']);
  });

  it('keeps one spelling per folded form and works in Arabic script', () => {
    expect(hashtagsOf(parseQuery('Médias OR medias OR #MEDIAS'))).toEqual(['Médias']);
    expect(hashtagsOf(parseQuery('#مقاطعة OR شركة'))).toEqual(['مقاطعة', 'شركة']);
  });

  it('returns nothing when no tag can stand for the query', () => {
    expect(hashtagsOf(parseQuery('"bad service" -acme'))).toEqual([]);
    expect(hashtagsOf(parseQuery('coca-cola 2026'))).toEqual([]);
  });
});
