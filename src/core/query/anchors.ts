import type { Matcher } from './compile.js';

/** Longest prefix length the index keys wildcard stems by; shorter stems are keyed by their whole length. */
export const PREFIX_KEY_LENGTH = 5;

/**
 * Something a mention must contain for a query to have a chance: a word, a hashtag, a handle, or the first
 * characters of a word (for `stem*`). A query matches only mentions holding at least one of its anchors.
 */
export type Anchor = { kind: 'word'; key: string } | { kind: 'tag'; key: string } | { kind: 'handle'; key: string } | { kind: 'prefix'; key: string };

/** Relative weight of one anchor kind, for choosing among AND children (lower is rarer). */
const KIND_WEIGHT: Record<Anchor['kind'], number> = { word: 1, tag: 0.5, handle: 0.5, prefix: 2 };

/**
 * Estimated share of mentions that hold the anchor. Without corpus statistics, longer keys are rarer:
 * this keeps "the" or "a" from being chosen over "acme" in `the acme`.
 */
function cost(anchors: readonly Anchor[]): number {
  let total = 0;
  for (const a of anchors) total += KIND_WEIGHT[a.kind] / (a.key.length * a.key.length);
  return total;
}

/**
 * The anchors of a query: every mention it matches holds at least one of them. `null` when no such set exists —
 * a query made only of exclusions or `lang:` could match a mention holding none of its words.
 * An AND needs all its children, so the rarest anchored child is enough; an OR needs the union of its children's.
 */
export function anchorsOf(m: Matcher): Anchor[] | null {
  switch (m.op) {
    case 'word':
      return [{ kind: 'word', key: m.word }];
    case 'phrase':
      return [{ kind: 'word', key: longest(m.prefixLast ? m.words.slice(0, -1) : m.words) }];
    case 'prefix':
      return [{ kind: 'prefix', key: m.stem.slice(0, PREFIX_KEY_LENGTH) }];
    case 'tag':
      return [{ kind: 'tag', key: m.tag }];
    case 'handle':
      return [{ kind: 'handle', key: m.handle }];
    case 'lang':
    case 'not':
      return null;
    case 'and': {
      let best: Anchor[] | null = null;
      let bestCost = Infinity;
      for (const child of m.children) {
        const anchors = anchorsOf(child);
        if (anchors === null) continue;
        const c = cost(anchors);
        if (c < bestCost) {
          best = anchors;
          bestCost = c;
        }
      }
      return best;
    }
    case 'or': {
      const union: Anchor[] = [];
      for (const child of m.children) {
        const anchors = anchorsOf(child);
        if (anchors === null) return null;
        union.push(...anchors);
      }
      return union;
    }
  }
}

function longest(words: readonly string[]): string {
  let best = '';
  for (const word of words) if (word.length > best.length) best = word;
  return best;
}
