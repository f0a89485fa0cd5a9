import type { LeafNode, QueryAst, QueryNode } from './ast.js';
import { QueryTranslateError } from './errors.js';
import { foldText, wordsOf } from './normalise.js';

/*
 * Serialisers from Vigie's query language to the search engines that sources call. A remote search only has to
 * find a superset of what the query matches: every fetched mention is matched again locally with the compiled
 * query. So whatever an engine cannot express is widened (dropped from an AND, or the whole OR when one of its
 * branches cannot be expressed), never narrowed — except where noted (`stem*` becomes the stem, `@handle` a word
 * for keyword engines), which a user can always widen by adding `OR` alternatives.
 */

/** X API v2 recent search, self-serve access. */
export const X_MAX_QUERY_LENGTH = 512;
/** X user names: letters, digits and underscores, at most 15. Other handles (Bluesky, Mastodon) are not on X. */
const X_USERNAME = /^[A-Za-z0-9_]{1,15}$/;
const BARE_WORD = /^[\p{L}\p{N}_]+$/u;
const QUOTE_CHARS = /["“”„«»]/g;

/** What the engine receives; `null` stands for "anything" (a constraint that was widened away). */
type Out = { t: 'atom'; text: string; positive: boolean; standalone: boolean } | { t: 'and' | 'or'; children: Out[] };

type LeafRule = (leaf: LeafNode, negated: boolean) => Out | null;

function atom(text: string, positive: boolean, standalone = true): Out {
  return { t: 'atom', text, positive, standalone };
}

/** An AND or OR of `children`, flattened (an OR in an OR is one OR) and without repeated keywords. */
function combine(t: 'and' | 'or', children: Out[]): Out | null {
  const flat: Out[] = [];
  const seen = new Set<string>();
  for (const child of children.flatMap((c) => (c.t === t ? c.children : [c]))) {
    if (child.t === 'atom') {
      const key = `${child.positive ? '+' : '-'}${child.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    flat.push(child);
  }
  if (flat.length === 0) return null;
  return flat.length === 1 ? flat[0]! : { t, children: flat };
}

/**
 * Pushes negations down to the leaves (engines negate single operators; X forbids negating a group):
 * NOT(a OR b) = -a -b. NOT(a AND b) would need an OR of negations, which is widened to "anything".
 */
function build(node: QueryNode, negated: boolean, leaf: LeafRule): Out | null {
  switch (node.kind) {
    case 'not':
      return build(node.child, !negated, leaf);
    case 'and':
    case 'or': {
      if (node.kind === 'and' && negated) return null;
      const conjunctive = node.kind === 'and' || negated;
      const children: Out[] = [];
      for (const child of node.children) {
        const out = build(child, negated, leaf);
        if (out !== null) children.push(out);
        else if (!conjunctive) return null;
      }
      return combine(conjunctive ? 'and' : 'or', children);
    }
    default:
      return leaf(node, negated);
  }
}

/** Whether every alternative of the query holds a positive, standalone operator (X rejects the others). */
function hasPositive(out: Out): boolean {
  switch (out.t) {
    case 'atom':
      return out.positive && out.standalone;
    case 'and':
      return out.children.some(hasPositive);
    case 'or':
      return out.children.every(hasPositive);
  }
}

function quoted(text: string): string {
  return `"${text.replace(QUOTE_CHARS, '')}"`;
}

/** A term as keyword: bare when it is one plain word, else quoted (engines tokenise `coca-cola` into two words). */
function keyword(text: string): string {
  return BARE_WORD.test(text) ? text : quoted(text);
}

const xLeaf: LeafRule = (leaf, negated) => {
  const positive = !negated;
  switch (leaf.kind) {
    case 'term':
      // X has no wildcard: the stem alone.
      return atom(keyword(leaf.text), positive);
    case 'phrase':
      return atom(quoted(leaf.text), positive);
    case 'hashtag':
      return atom(`#${leaf.tag}`, positive);
    case 'lang':
      return atom(`lang:${leaf.code}`, positive, false);
    case 'handle': {
      // A Bluesky or Mastodon handle cannot write on X; posts there can only quote it.
      if (!X_USERNAME.test(leaf.handle)) return atom(quoted(leaf.handle), positive);
      const from = atom(`from:${leaf.handle}`, positive);
      const mention = atom(`@${leaf.handle}`, positive);
      return { t: negated ? 'and' : 'or', children: [from, mention] };
    }
  }
};

function serialise(out: Out, orWord: string, negation: string, wrapOr: boolean): string {
  switch (out.t) {
    case 'atom':
      return out.positive ? out.text : `${negation}${out.text}`;
    case 'and':
      return out.children
        .map((c) => (c.t === 'or' && !wrapOr ? `(${serialise(c, orWord, negation, wrapOr)})` : serialise(c, orWord, negation, wrapOr)))
        .join(' ');
    case 'or': {
      const body = out.children
        .map((c) => (c.t === 'and' ? `(${serialise(c, orWord, negation, wrapOr)})` : serialise(c, orWord, negation, wrapOr)))
        .join(` ${orWord} `);
      return wrapOr ? `(${body})` : body;
    }
  }
}

/**
 * The query in X API v2 search operators: phrases quoted, `OR`, `-`, parentheses, `lang:`, `#tag`;
 * `@name` becomes `(from:name OR @name)` (written by, or mentioning); a handle that is no X user name
 * (`@acme.bsky.social`) becomes the quoted handle. X folds accents and case itself.
 * Widened: a negated AND group (X cannot negate groups). Narrowed: `stem*` → `stem` (X has no wildcard).
 * @throws QueryTranslateError `no_positive_term` (X needs a positive keyword, phrase, #tag or @user),
 *   `too_long` (over `maxLength`, default 512)
 */
export function toXQuery(ast: QueryAst, options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? X_MAX_QUERY_LENGTH;
  const out = build(ast, false, xLeaf);
  if (out === null || !hasPositive(out)) throw new QueryTranslateError('no_positive_term', 'x');
  const query = serialise(out, 'OR', '-', false);
  if (query.length > maxLength) throw new QueryTranslateError('too_long', 'x', { limit: maxLength, actual: query.length });
  return query;
}

/**
 * How a keyword search engine reads its query string.
 * - `or`: the OR operator, or null when the engine ANDs every word (then one query per alternative is sent).
 * - `negation`: prefix that excludes a word or phrase.
 * - `groups`: `nested` parentheses anywhere; `flat-or` only `(a OR b)` groups of plain keywords, always in
 *   parentheses; `none` no parentheses (a query is either an OR of keywords or an AND of keywords).
 * - `hashtags`: the engine understands `#tag`; otherwise a tag is searched as its word.
 * - `maxQueries`: how many alternatives may be sent when one string cannot express the query.
 */
export interface KeywordDialect {
  or: string | null;
  negation: string;
  groups: 'nested' | 'flat-or' | 'none';
  hashtags: boolean;
  maxLength: number;
  maxQueries: number;
}

/**
 * The engines Vigie's keyword sources call.
 * - `googleNews`: news.google.com RSS search (also Google Alerts terms): `OR`, `-`, quotes, parentheses.
 * - `reddit`: /search: `OR`, `NOT`, quotes, parentheses; 512 characters.
 * - `hn`: Algolia HN search with `advancedSyntax=true`: quotes and `-` but every word is required, so one query
 *   per alternative.
 * - `gdelt`: DOC 2.0 API: quotes, `-`, and OR only as a parenthesised list of keywords.
 * - `bluesky`: app.bsky.feed.searchPosts: quotes, `-`, `#tag`; every word required.
 * - `youtube`: Data API search `q`: `|` for OR and `-` for NOT, no grouping.
 * `lang:` is never sent (sources pass the language as the engine's own parameter; local matching applies it).
 */
export const KEYWORD_DIALECTS = {
  googleNews: { or: 'OR', negation: '-', groups: 'nested', hashtags: false, maxLength: 1000, maxQueries: 1 },
  reddit: { or: 'OR', negation: 'NOT ', groups: 'nested', hashtags: false, maxLength: 512, maxQueries: 1 },
  hn: { or: null, negation: '-', groups: 'none', hashtags: false, maxLength: 512, maxQueries: 8 },
  gdelt: { or: 'OR', negation: '-', groups: 'flat-or', hashtags: false, maxLength: 1000, maxQueries: 4 },
  bluesky: { or: null, negation: '-', groups: 'none', hashtags: true, maxLength: 512, maxQueries: 8 },
  youtube: { or: '|', negation: '-', groups: 'none', hashtags: false, maxLength: 500, maxQueries: 4 },
} as const satisfies Record<string, KeywordDialect>;
export type KeywordEngine = keyof typeof KEYWORD_DIALECTS;

function keywordLeaf(dialect: KeywordDialect): LeafRule {
  return (leaf, negated) => {
    const positive = !negated;
    switch (leaf.kind) {
      case 'term':
        return atom(keyword(leaf.text), positive);
      case 'phrase':
        return atom(quoted(leaf.text), positive);
      case 'hashtag':
        if (dialect.hashtags) return atom(`#${leaf.tag}`, positive);
        // Excluding the word would also exclude posts that only use it as a word: widen instead.
        return negated ? null : atom(keyword(leaf.tag), true);
      case 'handle':
        // Keyword engines cannot search by author; the name as a word finds most posts about the account.
        return negated ? null : atom(keyword(leaf.handle.split('@', 1)[0]!), true);
      case 'lang':
        return null;
    }
  };
}

/** Whether one string in this dialect can express the query exactly as built. */
function fits(out: Out, dialect: KeywordDialect): boolean {
  if (dialect.or === null) return out.t !== 'or' && !containsOr(out);
  switch (dialect.groups) {
    case 'nested':
      return true;
    case 'flat-or':
      return out.t === 'or' ? isFlatOr(out) : out.t === 'atom' || out.children.every((c) => c.t === 'atom' || isFlatOr(c));
    case 'none':
      return out.t === 'atom' || out.children.every((c) => c.t === 'atom' && (out.t === 'and' || c.positive));
  }
}

function containsOr(out: Out): boolean {
  return out.t !== 'atom' && (out.t === 'or' || out.children.some(containsOr));
}

function isFlatOr(out: Out): boolean {
  return out.t === 'or' && out.children.every((c) => c.t === 'atom' && c.positive);
}

type Atom = Extract<Out, { t: 'atom' }>;

/** The alternatives of the query, each a list of required or excluded keywords; fails past `limit`. */
function disjuncts(out: Out, limit: number, engine: string): Atom[][] {
  switch (out.t) {
    case 'atom':
      return [[out]];
    case 'or': {
      const all = out.children.flatMap((c) => disjuncts(c, limit, engine));
      if (all.length > limit) throw new QueryTranslateError('too_many_queries', engine, { limit, actual: all.length });
      return all;
    }
    case 'and': {
      let product: Atom[][] = [[]];
      for (const child of out.children) {
        const options = disjuncts(child, limit, engine);
        if (product.length * options.length > limit) {
          throw new QueryTranslateError('too_many_queries', engine, { limit, actual: product.length * options.length });
        }
        product = product.flatMap((left) => options.map((right) => [...left, ...right]));
      }
      return product;
    }
  }
}

/**
 * The query as plain keyword searches for one engine: a single string when the engine can express it, otherwise
 * one string per alternative (at most the dialect's `maxQueries`), whose results the source merges.
 * @throws QueryTranslateError `no_positive_term`, `too_many_queries`, `too_long`
 */
export function toKeywordQueries(ast: QueryAst, engine: KeywordEngine | KeywordDialect): string[] {
  const dialect: KeywordDialect = typeof engine === 'string' ? KEYWORD_DIALECTS[engine] : engine;
  const name = typeof engine === 'string' ? engine : 'keywords';
  const out = build(ast, false, keywordLeaf(dialect));
  if (out === null || !hasPositive(out)) throw new QueryTranslateError('no_positive_term', name);
  let queries: string[];
  if (fits(out, dialect)) {
    queries = [serialise(out, dialect.or ?? '', dialect.negation, dialect.groups === 'flat-or')];
  } else {
    const alternatives = disjuncts(out, dialect.maxQueries, name);
    if (alternatives.some((atoms) => !atoms.some((a) => a.positive))) throw new QueryTranslateError('no_positive_term', name);
    queries = [...new Set(alternatives.map((atoms) => serialise({ t: 'and', children: atoms }, '', dialect.negation, false)))];
  }
  for (const query of queries) {
    if (query.length > dialect.maxLength) {
      throw new QueryTranslateError('too_long', name, { limit: dialect.maxLength, actual: query.length });
    }
  }
  return queries;
}

/** Mastodon accepts letters, digits and underscores, with at least one letter or underscore. */
const MASTODON_TAG = /^[\p{L}\p{N}\p{M}_]*[\p{L}_][\p{L}\p{N}\p{M}_]*$/u;

/**
 * Tags whose Mastodon timelines hold the posts this query is about: its hashtags, and its single-word terms
 * (a post about Acme is often tagged #acme). Chosen like the index's anchors: every alternative of an OR,
 * the rarest-looking part of an AND (explicit hashtags first, then longer words). Exclusions, phrases, wildcards,
 * handles and `lang:` give no tag. Returned without `#`, as written, one per folded form.
 */
export function hashtagsOf(ast: QueryAst): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const tag of pickTags(ast)?.tags ?? []) {
    const folded = foldText(tag);
    if (!seen.has(folded)) {
      seen.add(folded);
      tags.push(tag);
    }
  }
  return tags;
}

interface TagPick {
  tags: string[];
  /** Lower is likelier to be rare and on topic. */
  cost: number;
}

function pickTags(node: QueryNode): TagPick | null {
  switch (node.kind) {
    case 'hashtag':
      return MASTODON_TAG.test(node.tag) ? { tags: [node.tag], cost: 0.5 / node.tag.length ** 2 } : null;
    case 'term':
    case 'phrase': {
      if (node.kind === 'term' && node.prefix) return null;
      const text = node.text.trim();
      if (wordsOf(text).length !== 1 || !MASTODON_TAG.test(text)) return null;
      return { tags: [text], cost: 1 / text.length ** 2 };
    }
    case 'or': {
      const tags: string[] = [];
      let cost = 0;
      for (const child of node.children) {
        const pick = pickTags(child);
        if (pick === null) continue;
        tags.push(...pick.tags);
        cost += pick.cost;
      }
      return tags.length > 0 ? { tags, cost } : null;
    }
    case 'and': {
      let best: TagPick | null = null;
      for (const child of node.children) {
        const pick = pickTags(child);
        if (pick !== null && (best === null || pick.cost < best.cost)) best = pick;
      }
      return best;
    }
    default:
      return null;
  }
}
