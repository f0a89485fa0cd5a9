import type { Plan, QueryRole } from '../core/plan.js';
import { QUERY_ROLES } from '../core/plan.js';
import type { QueryAst } from '../core/query/ast.js';
import { compileQuery } from '../core/query/compile.js';
import { QueryParseError, QueryTranslateError } from '../core/query/errors.js';
import { matches } from '../core/query/match.js';
import { parseQuery } from '../core/query/parse.js';
import { type PreparedText, prepareText } from '../core/query/prepare.js';
import {
  type KeywordDialect,
  type KeywordEngine,
  X_MAX_QUERY_LENGTH,
  hashtagsOf as tagsOfAst,
  toKeywordQueries,
  toXQuery,
} from '../core/query/translate.js';
import { SourceError } from '../core/source-error.js';

/*
 * Every use sources make of a plan's queries goes through here: the query language's translators, applied to
 * each of the plan's three queries (brand, news, competitors), whose results sources merge.
 */

export type { KeywordDialect, KeywordEngine };

/** Mastodon's status search: every word required, `-` and quotes understood, `#tags` too. */
export const MASTODON_SEARCH: KeywordDialect = { or: null, negation: '-', groups: 'none', hashtags: true, maxLength: 500, maxQueries: 3 };
/** The UK Parliament petitions search: plain words, every one required, no operator. */
export const PETITIONS_SEARCH: KeywordDialect = { or: null, negation: '-', groups: 'none', hashtags: false, maxLength: 200, maxQueries: 2 };

const X_SUFFIX = ' -is:retweet';

function rolesOf(plan: Plan): Array<{ role: QueryRole; ast: QueryAst }> {
  return QUERY_ROLES.flatMap((role) => {
    const query = plan.what[role];
    if (query === undefined) return [];
    try {
      return [{ role, ast: parseQuery(query) }];
    } catch (error) {
      // Plans are validated when saved: this only happens to a plan edited by hand in the store.
      if (error instanceof QueryParseError)
        throw new SourceError(
          'invalid_argument',
          `the plan’s ${role} query cannot be read (${error.message}): fix it with \`${role === 'brand' ? 'watch' : role === 'news' ? 'news' : 'competitor'} ${plan.name} …\``,
        );
      throw error;
    }
  });
}

function untranslatable(role: QueryRole, error: QueryTranslateError): SourceError {
  const what =
    error.code === 'too_long'
      ? `is too long for ${error.target} (${error.actual} characters, ${error.limit} at most)`
      : error.code === 'too_many_queries'
        ? `has too many alternatives for ${error.target} (${error.actual}, ${error.limit} at most)`
        : `has no word ${error.target} can search for (only exclusions or filters)`;
  return new SourceError('invalid_argument', `the plan’s ${role} query ${what}`);
}

/**
 * Keyword searches for one engine that together find everything the plan's queries can match (the pipeline
 * then matches each mention exactly). A query the engine cannot take is skipped when another one remains, so
 * that one hard competitor query does not silence the brand; when none remains, the error says why.
 */
export function keywordsOf(plan: Plan, engine: KeywordEngine | KeywordDialect, max = 6): string[] {
  const queries = new Set<string>();
  let refusal: SourceError | undefined;
  for (const { role, ast } of rolesOf(plan)) {
    try {
      for (const query of toKeywordQueries(ast, engine)) queries.add(query);
    } catch (error) {
      if (!(error instanceof QueryTranslateError)) throw error;
      refusal ??= untranslatable(role, error);
    }
  }
  if (queries.size === 0 && refusal) throw refusal;
  return [...queries].slice(0, max);
}

/** Keyword searches without exclusions, for engines that read `-word` as a word to find. */
export function wordsOf(plan: Plan, engine: KeywordEngine | KeywordDialect, max = 6): string[] {
  return keywordsOf(plan, engine, max)
    .map((q) =>
      q
        .replace(/(^|\s)-("[^"]*"|\S+)/g, '')
        .replace(/"/g, '')
        .trim(),
    )
    .filter((q) => q !== '');
}

/** The plan's queries as one X search query (OR of the three), in the plan's language when it has one, without reposts. */
export function xQueryOf(plan: Plan): string {
  const roles = rolesOf(plan);
  const lang = plan.languages.length === 1 ? ` lang:${plan.languages[0]}` : '';
  const suffix = `${lang}${X_SUFFIX}`;
  const ast: QueryAst | undefined =
    roles.length === 1 ? roles[0]?.ast : { kind: 'or', children: roles.flatMap((r) => (r.ast.kind === 'or' ? r.ast.children : [r.ast])) };
  if (!ast) throw new SourceError('invalid_argument', 'the plan has no query');
  let query: string;
  try {
    query = toXQuery(ast, { maxLength: X_MAX_QUERY_LENGTH - suffix.length - 2 });
  } catch (error) {
    if (error instanceof QueryTranslateError) throw untranslatable(roles.length === 1 ? (roles[0]?.role ?? 'brand') : 'brand', error);
    throw error;
  }
  // On X, AND binds tighter than OR: the filters must apply to every alternative.
  return `${/\sOR\s/.test(query) ? `(${query})` : query}${suffix}`;
}

/** Hashtags whose timelines hold the plan's posts (Mastodon): those of each query, in order, without `#`. */
export function hashtagsOf(plan: Plan, max = 5): string[] {
  const tags = new Map<string, string>();
  for (const { ast } of rolesOf(plan)) for (const tag of tagsOfAst(ast)) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].slice(0, max);
}

/**
 * Whether a post concerns the plan, for sources that filter a firehose locally (bluesky-stream): one of its
 * queries matches, and the post is in one of the plan's languages (when the plan names some).
 */
export function matcherOf(plan: Plan): (text: string, lang: string | undefined) => boolean {
  const compiled = rolesOf(plan).map(({ ast }) => compileQuery(ast));
  const languages = new Set(plan.languages);
  return (text, lang) => {
    const primary = lang?.slice(0, 2).toLowerCase();
    if (languages.size > 0 && primary !== undefined && !languages.has(primary)) return false;
    const prepared = preparedOnce(text, lang);
    return compiled.some((query) => matches(query, prepared));
  };
}

// A firehose post is tested against every plan in a row: it is folded and tokenised once, not once per plan.
let lastPrepared: { text: string; lang: string | undefined; prepared: PreparedText } | undefined;
function preparedOnce(text: string, lang: string | undefined): PreparedText {
  if (lastPrepared?.text !== text || lastPrepared.lang !== lang) lastPrepared = { text, lang, prepared: prepareText({ text, lang }) };
  return lastPrepared.prepared;
}
