import type { LeafNode, QueryAst, QueryNode } from './ast.js';
import { QueryParseError } from './errors.js';
import { foldText, wordsOf } from './normalise.js';
import { parseQuery } from './parse.js';

/**
 * A query with every leaf folded into the form mention words are compared in. `label` is the leaf in query syntax,
 * returned as evidence by matchedTerms.
 */
export type Matcher =
  | { op: 'word'; word: string; label: string }
  | { op: 'prefix'; stem: string; label: string }
  /** `prefixLast`: the last word only has to start with its text (`coca-co*`, `索尼*`). */
  | { op: 'phrase'; words: string[]; prefixLast: boolean; label: string }
  | { op: 'tag'; tag: string; label: string }
  | { op: 'handle'; handle: string; label: string }
  | { op: 'lang'; code: string; label: string }
  | { op: 'and'; children: Matcher[] }
  | { op: 'or'; children: Matcher[] }
  | { op: 'not'; child: Matcher };

export interface CompiledQuery {
  readonly ast: QueryAst;
  readonly root: Matcher;
}

/** Cheapest tests first inside an AND, so that a failing one short-circuits the rest; exclusions last. */
const COST: Record<Matcher['op'], number> = {
  lang: 0,
  word: 1,
  tag: 1,
  handle: 1,
  phrase: 2,
  prefix: 3,
  and: 4,
  or: 4,
  not: 5,
};

/**
 * Compiles a parsed query (or parses then compiles a source string) once; the result is matched against any
 * number of prepared mentions.
 * @throws QueryParseError for a source string that does not parse, or a hand-built leaf without any word
 */
export function compileQuery(query: QueryAst | string): CompiledQuery {
  const ast = typeof query === 'string' ? parseQuery(query) : query;
  return { ast, root: compileNode(ast) };
}

function compileNode(node: QueryNode): Matcher {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map(compileNode);
      return { op: 'and', children: children.sort((a, b) => COST[a.op] - COST[b.op]) };
    }
    case 'or':
      return { op: 'or', children: node.children.map(compileNode) };
    case 'not':
      return { op: 'not', child: compileNode(node.child) };
    default:
      return compileLeaf(node);
  }
}

function compileLeaf(node: LeafNode): Matcher {
  switch (node.kind) {
    case 'term': {
      const words = wordsOf(node.text);
      const label = node.prefix ? `${node.text}*` : node.text;
      if (words.length === 0) throw new QueryParseError({ code: 'no_word', position: node.position, expected: ['word'], found: label });
      if (words.length > 1) return { op: 'phrase', words, prefixLast: node.prefix, label };
      return node.prefix ? { op: 'prefix', stem: words[0]!, label } : { op: 'word', word: words[0]!, label };
    }
    case 'phrase': {
      const words = wordsOf(node.text);
      const label = `"${node.text}"`;
      if (words.length === 0) {
        throw new QueryParseError({ code: 'empty_phrase', position: node.position, expected: ['word'], found: node.text });
      }
      return words.length === 1 ? { op: 'word', word: words[0]!, label } : { op: 'phrase', words, prefixLast: false, label };
    }
    case 'hashtag':
      return { op: 'tag', tag: foldText(node.tag), label: `#${node.tag}` };
    case 'handle':
      return { op: 'handle', handle: foldText(node.handle), label: `@${node.handle}` };
    case 'lang':
      return { op: 'lang', code: node.code.toLowerCase(), label: `lang:${node.code}` };
  }
}
