import type { CompiledQuery, Matcher } from './compile.js';
import type { PreparedText } from './prepare.js';

/** Whether the prepared mention satisfies the query. */
export function matches(query: CompiledQuery, text: PreparedText): boolean {
  return evaluate(query.root, text);
}

function evaluate(m: Matcher, text: PreparedText): boolean {
  switch (m.op) {
    case 'word':
      return text.hasWord(m.word);
    case 'prefix':
      return text.hasPrefix(m.stem);
    case 'phrase':
      return text.hasPhrase(m.words, m.prefixLast);
    case 'tag':
      return text.hasTag(m.tag);
    case 'handle':
      return text.hasHandle(m.handle);
    case 'lang':
      return text.lang === m.code;
    case 'and':
      for (const child of m.children) if (!evaluate(child, text)) return false;
      return true;
    case 'or':
      for (const child of m.children) if (evaluate(child, text)) return true;
      return false;
    case 'not':
      return !evaluate(m.child, text);
  }
}

/**
 * Evidence for an alert: the positive leaves of the query (as written, e.g. `acme`, `"bad service"`, `#acme`)
 * found in a mention that matches; empty when it does not match. Excluded terms and `lang:` are never evidence.
 */
export function matchedTerms(query: CompiledQuery, text: PreparedText): string[] {
  if (!matches(query, text)) return [];
  const found: string[] = [];
  collect(query.root, text, true, found);
  return found;
}

function collect(m: Matcher, text: PreparedText, positive: boolean, found: string[]): void {
  switch (m.op) {
    case 'and':
    case 'or':
      for (const child of m.children) collect(child, text, positive, found);
      return;
    case 'not':
      collect(m.child, text, !positive, found);
      return;
    case 'lang':
      return;
    default:
      if (positive && evaluate(m, text) && !found.includes(m.label)) found.push(m.label);
  }
}
