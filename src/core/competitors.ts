import type { Bucket } from './detect/types.js';
import type { QueryNode } from './query/ast.js';
import { tryParseQuery } from './query/parse.js';

/**
 * Competitors, counted one by one. A plan's competitor query names them as its top-level OR alternatives:
 * `Globex OR "Initech Air" OR @initech` is two competitors, Globex and Initech Air — alternatives that name the same
 * competitor (`Initech OR @initech OR #initech`; not `"Initech Air" OR @initech`) are merged, by their name without
 * `@`/`#`, case-insensitively. Exclusions around the whole OR (`(Globex OR Initech) -job`) apply to each.
 */
export interface Competitor {
  /** As the user wrote it: the first phrase, term, handle or hashtag of its first alternative. */
  name: string;
  /** The alternatives that count for it: a mention matching any of them counts once. */
  queries: QueryNode[];
}

/** The name of one alternative: its first positive leaf. */
function nameOf(node: QueryNode): string | undefined {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.text;
    case 'handle':
      return node.handle;
    case 'hashtag':
      return node.tag;
    case 'lang':
    case 'not':
      return undefined;
    case 'and':
    case 'or':
      for (const child of node.children) {
        const name = nameOf(child);
        if (name) return name;
      }
      return undefined;
  }
}

/** `Initech`, `@initech`, `#Initech` → `initech`: what merges alternatives into one competitor. */
function sameness(name: string): string {
  return name.toLocaleLowerCase('en');
}

/** The alternatives of a query: the children of a top-level OR, with exclusions around it distributed to each. */
function alternatives(ast: QueryNode): QueryNode[] {
  if (ast.kind === 'or') return ast.children;
  if (ast.kind === 'and') {
    const ors = ast.children.filter((c) => c.kind === 'or');
    const rest = ast.children.filter((c) => c.kind !== 'or');
    const [or] = ors;
    if (ors.length === 1 && or?.kind === 'or' && rest.every((c) => c.kind === 'not' || c.kind === 'lang')) {
      return or.children.map((alt) => ({ kind: 'and', children: [...(alt.kind === 'and' ? alt.children : [alt]), ...rest] }));
    }
  }
  return [ast];
}

/** The competitors a query names (none for a query that does not parse: `competitor` refuses those). */
export function competitorsOf(query: string | undefined): Competitor[] {
  if (!query) return [];
  const parsed = tryParseQuery(query);
  if (!parsed.ok) return [];
  const byKey = new Map<string, Competitor>();
  for (const alt of alternatives(parsed.ast)) {
    const name = nameOf(alt) ?? query;
    const key = sameness(name);
    const known = byKey.get(key);
    if (known) known.queries.push(alt);
    else byKey.set(key, { name, queries: [alt] });
  }
  return [...byKey.values()];
}

/**
 * The key a competitor's counts (buckets) and detector state are stored under: beside the plan's, as
 * `<planId>|competitor|<name>`, so that removing the plan removes them (the `<planId>|` prefix).
 */
export function competitorKey(planId: string, name: string): string {
  return `${planId}|competitor|${name.toLocaleLowerCase('en')}`;
}

export interface VoiceShare {
  /** `brand`, or the competitor's name. */
  name: string;
  role: 'brand' | 'competitor';
  /** Mentions in the window. */
  total: number;
  negative: number;
  /** This one's share of all mentions in the window (brand and competitors), 0–1. */
  share: number;
  /** Negative mentions over its own mentions, 0–1 (0 when it has none). */
  negativeShare: number;
}

const sum = (buckets: Bucket[], field: 'total' | 'negative'): number => buckets.reduce((n, b) => n + b[field], 0);

/**
 * Share of voice over a window: the brand's volume and negative share beside each competitor's. Pure: the caller
 * reads the buckets of the window (`show`, the digest, the incident report).
 */
export function shareOfVoice(brand: Bucket[], competitors: Array<{ name: string; buckets: Bucket[] }>): VoiceShare[] {
  const rows = [
    { name: 'brand', role: 'brand' as const, total: sum(brand, 'total'), negative: sum(brand, 'negative') },
    ...competitors.map((c) => ({ name: c.name, role: 'competitor' as const, total: sum(c.buckets, 'total'), negative: sum(c.buckets, 'negative') })),
  ];
  const all = rows.reduce((n, r) => n + r.total, 0);
  return rows.map((r) => ({ ...r, share: all > 0 ? r.total / all : 0, negativeShare: r.total > 0 ? r.negative / r.total : 0 }));
}
