import type { QueryAst, QueryNode } from './ast.js';

/** Text that would not read back as the same single term, and must be quoted. */
const NEEDS_QUOTES = /[\s()"“”„«*]|^[-#@]|^lang:/i;
const OPERATOR_WORDS = new Set(['OR', 'AND', 'NOT']);
const QUOTE_CHARS = /["“”„«»]/g;

/**
 * Writes a query back in Vigie's own syntax, canonically: `OR` between alternatives, juxtaposition for AND,
 * `-` for negation, parentheses around groups (an AND inside an OR too, for readers who do not know the precedence). `parseQuery(formatQuery(ast))` gives back the
 * same tree (positions aside). Commands that edit a plan's query (add terms, exclusions) build the tree and
 * store this text.
 */
export function formatQuery(ast: QueryAst): string {
  return format(ast);
}

function format(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      if (!node.prefix && (NEEDS_QUOTES.test(node.text) || OPERATOR_WORDS.has(node.text))) return quote(node.text);
      return node.prefix ? `${node.text}*` : node.text;
    case 'phrase':
      return quote(node.text);
    case 'handle':
      return `@${node.handle}`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'lang':
      return `lang:${node.code}`;
    case 'and':
      return node.children.map((c) => (c.kind === 'or' ? `(${format(c)})` : format(c))).join(' ');
    case 'or':
      return node.children.map((c) => (c.kind === 'and' ? `(${format(c)})` : format(c))).join(' OR ');
    case 'not':
      return node.child.kind === 'and' || node.child.kind === 'or' ? `-(${format(node.child)})` : `-${format(node.child)}`;
  }
}

function quote(text: string): string {
  return `"${text.replace(QUOTE_CHARS, '')}"`;
}
