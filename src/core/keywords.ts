import { z } from 'zod';
import type { QueryNode } from './query/ast.js';
import { tryParseQuery } from './query/parse.js';
import { normalizeWord, tokenize } from './respond/tokens.js';

/**
 * Keyword quality per plan (`suggest <plan>`). From the plan's recent matched mentions, reduced to their words:
 * - `add`: words more frequent in negative posts than in the others, not in the query yet (what people complain
 *   about alongside the brand);
 * - `exclude`: words more frequent in posts that carry none of the brand's anchors (its @handle, #hashtag or "exact
 *   phrase", or a match of the news or competitor query) than in posts that do: the company of a homonym.
 * Each word is scored by its log-odds ratio between the two groups of posts (document frequencies, +0.5 each), as a
 * z-score (the ratio over its standard error), so that a word seen twice does not outrank one seen forty times.
 */

/** One matched mention, as counted for suggestions: its distinct words and two flags, never its text. */
export interface TermDoc {
  at: number;
  terms: string[];
  negative: boolean;
  /** Carries one of the brand's anchors. */
  anchored: boolean;
}

export interface KeywordSuggestion {
  action: 'add' | 'exclude';
  term: string;
  /** Posts of the telling group that contain it. */
  count: number;
  /** Log-odds z-score. */
  score: number;
}

export interface KeywordReport {
  matched: number;
  negative: number;
  anchored: number;
  add: KeywordSuggestion[];
  exclude: KeywordSuggestion[];
}

// Function words of the plan languages Vigie speaks (en, fr, ar, Darija in Latin letters): never a keyword.
const STOPWORDS = new Set(
  (
    'the and for with that this from have has had was were are is be been not but you your yours our ours their they them ' +
    'his her its she him what when where which who why how all any can could would should will just than then there here ' +
    'about into over after before again more most some such only own same very also out off get got one two new now today ' +
    'les des une est pas que qui pour avec dans sur par plus mais ont sont vous nous leur leurs ses son sa mes mon ma ' +
    'tes ton ta cette ces ete etre avoir fait faire tout tous toute toutes comme encore aussi bien tres deja chez sans ' +
    'في من على الى إلى عن مع هذا هذه ذلك التي الذي كان كانت لم لن ما لا هو هي انا نحن انت واش ديال حتى باش'
  )
    .split(' ')
    .map(normalizeWord),
);

/** The distinct words of a text worth suggesting: three letters or more, not a number, not a function word. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const word = token.norm;
    if (word.length < 3 || /^\p{N}+$/u.test(word) || STOPWORDS.has(word)) continue;
    terms.add(word);
  }
  return [...terms];
}

function leaves(node: QueryNode, out: QueryNode[], negated: boolean): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) leaves(child, out, negated);
      return;
    case 'not':
      leaves(node.child, out, !negated);
      return;
    default:
      if (!negated) out.push(node);
  }
}

/** The words a query already holds (positive or excluded): never suggested again. */
export function queryTerms(...queries: Array<string | undefined>): Set<string> {
  const words = new Set<string>();
  for (const query of queries) {
    if (!query) continue;
    const parsed = tryParseQuery(query);
    if (!parsed.ok) continue;
    const all: QueryNode[] = [];
    leaves(parsed.ast, all, false);
    leaves({ kind: 'not', child: parsed.ast, position: 0 }, all, false);
    for (const leaf of all) {
      const text =
        leaf.kind === 'term' || leaf.kind === 'phrase' ? leaf.text : leaf.kind === 'handle' ? leaf.handle : leaf.kind === 'hashtag' ? leaf.tag : '';
      for (const token of tokenize(text)) words.add(token.norm);
    }
  }
  return words;
}

/**
 * The anchors of a brand query: its @handles, #hashtags and "exact phrases" (not excluded), as one OR query, or
 * undefined when it has none (then no exclusion can be suggested from anchors).
 */
export function anchorsOf(brand: string): QueryNode | undefined {
  const parsed = tryParseQuery(brand);
  if (!parsed.ok) return undefined;
  const positive: QueryNode[] = [];
  leaves(parsed.ast, positive, false);
  const anchors = positive.filter((l) => l.kind === 'handle' || l.kind === 'hashtag' || l.kind === 'phrase');
  if (anchors.length === 0) return undefined;
  return anchors.length === 1 ? anchors[0] : { kind: 'or', children: anchors };
}

/** Log-odds z-score of a word between group A (`a` of `na` posts) and group B (`b` of `nb`). */
export function logOddsZ(a: number, na: number, b: number, nb: number): number {
  const k = 0.5;
  const delta = Math.log((a + k) / (na - a + k)) - Math.log((b + k) / (nb - b + k));
  const variance = 1 / (a + k) + 1 / (na - a + k) + 1 / (b + k) + 1 / (nb - b + k);
  return delta / Math.sqrt(variance);
}

/** A word's counts: posts containing it, among them negative ones, and ones without an anchor. */
type Counts = [docs: number, negative: number, unanchored: number];

/**
 * A plan's recent matched mentions as daily word counts: what `suggest` reads, stored beside the plan (no text, no
 * post ids). Each day keeps its totals and its most frequent words.
 */
export const TermTallySchema = z.object({
  days: z.record(
    z.string(),
    z.object({
      totals: z.tuple([z.number(), z.number(), z.number()]),
      terms: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])),
    }),
  ),
});
export type TermTally = z.infer<typeof TermTallySchema>;

export const TALLY_DAYS = 7;

/** Where a plan's tally is kept: beside its detector state, under `<planId>|terms` (removed with the plan). */
export function tallyKey(planId: string): string {
  return `${planId}|terms`;
}
/** Words kept per day, most frequent first: bounds the stored size; a suggestion needs several posts anyway. */
export const TALLY_TERMS_PER_DAY = 1_000;
const DAY = 86_400_000;

/** Add matched mentions to a tally, by their day of publication; days older than a week and rare words go. */
export function addToTally(tally: TermTally | undefined, docs: TermDoc[], now: number): TermTally {
  const days: TermTally['days'] = { ...(tally?.days ?? {}) };
  const oldest = Math.floor(now / DAY) * DAY - (TALLY_DAYS - 1) * DAY;
  const touched = new Set<string>();
  for (const doc of docs) {
    const start = Math.floor(doc.at / DAY) * DAY;
    if (start < oldest) continue;
    const key = String(start);
    if (!touched.has(key)) {
      const day = days[key];
      days[key] = day ? { totals: [...day.totals], terms: { ...day.terms } } : { totals: [0, 0, 0], terms: {} };
      touched.add(key);
    }
    const day = days[key]!;
    const add = (c: Counts): Counts => [c[0] + 1, c[1] + (doc.negative ? 1 : 0), c[2] + (doc.anchored ? 0 : 1)];
    day.totals = add(day.totals);
    for (const term of doc.terms) day.terms[term] = add(day.terms[term] ?? [0, 0, 0]);
  }
  for (const key of Object.keys(days)) if (Number(key) < oldest) delete days[key];
  for (const key of touched) {
    const day = days[key]!;
    const terms = Object.entries(day.terms);
    if (terms.length > TALLY_TERMS_PER_DAY) {
      terms.sort((a, b) => b[1][0] - a[1][0] || a[0].localeCompare(b[0]));
      day.terms = Object.fromEntries(terms.slice(0, TALLY_TERMS_PER_DAY));
    }
  }
  return { days };
}

/** The tally's days from `since` on, summed. */
function sumSince(tally: TermTally | undefined, since: number): { totals: Counts; terms: Map<string, Counts> } {
  const totals: Counts = [0, 0, 0];
  const terms = new Map<string, Counts>();
  for (const [key, day] of Object.entries(tally?.days ?? {})) {
    if (Number(key) + DAY <= since) continue;
    for (let i = 0; i < 3; i++) totals[i] = totals[i]! + day.totals[i]!;
    for (const [term, c] of Object.entries(day.terms)) {
      const sum = terms.get(term) ?? [0, 0, 0];
      terms.set(term, [sum[0] + c[0], sum[1] + c[1], sum[2] + c[2]]);
    }
  }
  return { totals, terms };
}

export interface SuggestOptions {
  /** Words of the plan's queries, and the brand's own name: never suggested. */
  known: Set<string>;
  /** Fewest telling posts a word needs (default 3). */
  minCount?: number;
  /** Smallest z-score (default 1.96, about 95 %). */
  minScore?: number;
  /** At most this many of each action (default 5). */
  limit?: number;
}

/**
 * Words of group A against the rest: `pick` reads, from a word's counts (or the totals), how many of its posts are
 * in group A (negative ones for `add`, unanchored ones for `exclude`).
 */
function contrast(
  sums: { totals: Counts; terms: Map<string, Counts> },
  pick: (c: Counts) => number,
  action: KeywordSuggestion['action'],
  options: SuggestOptions,
): KeywordSuggestion[] {
  const minCount = options.minCount ?? 3;
  const na = pick(sums.totals);
  const nb = sums.totals[0] - na;
  if (na < minCount || nb < minCount) return [];
  const found: KeywordSuggestion[] = [];
  for (const [term, counts] of sums.terms) {
    const count = pick(counts);
    if (count < minCount || options.known.has(term)) continue;
    const score = logOddsZ(count, na, counts[0] - count, nb);
    if (score >= (options.minScore ?? 1.96)) found.push({ action, term, count, score: Math.round(score * 10) / 10 });
  }
  return found.sort((x, y) => y.score - x.score || y.count - x.count || x.term.localeCompare(y.term)).slice(0, options.limit ?? 5);
}

/** Candidate `add` and `exclude` words from a plan's tally of the days since `since`. */
export function keywordSuggestions(tally: TermTally | undefined, since: number, options: SuggestOptions): KeywordReport {
  const sums = sumSince(tally, since);
  return {
    matched: sums.totals[0],
    negative: sums.totals[1],
    anchored: sums.totals[0] - sums.totals[2],
    add: contrast(sums, (c) => c[1], 'add', options),
    exclude: contrast(sums, (c) => c[2], 'exclude', options),
  };
}
