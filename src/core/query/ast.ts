/**
 * The syntax tree of a Vigie query. Leaves keep the text as the user typed it (translations to other search
 * engines reuse it); folding happens when compiling. `position` is the 1-based column (in Unicode code points)
 * where the leaf or operator starts in the source, for messages and editors.
 */

/** A word, or several words glued by punctuation (`coca-cola`, `l'acme`: then matched as a phrase). */
export interface TermNode {
  kind: 'term';
  text: string;
  /** `term*`: matches every word that starts with the term. */
  prefix: boolean;
  position: number;
}

/** `"exact phrase"`: these words, adjacent, in this order. */
export interface PhraseNode {
  kind: 'phrase';
  text: string;
  position: number;
}

/** `@handle`: the author, or an @mention in the text. `handle` has no `@`. */
export interface HandleNode {
  kind: 'handle';
  handle: string;
  position: number;
}

/** `#tag`: a hashtag of the text. `tag` has no `#`. */
export interface HashtagNode {
  kind: 'hashtag';
  tag: string;
  position: number;
}

/** `lang:fr`: the mention's language (ISO 639 code, lower case). */
export interface LangNode {
  kind: 'lang';
  code: string;
  position: number;
}

/** Every child matches. At least two children; never directly holds another `and`. */
export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

/** At least one child matches. At least two children; never directly holds another `or`. */
export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

/** `NOT x` or `-x`. */
export interface NotNode {
  kind: 'not';
  child: QueryNode;
  position: number;
}

export type LeafNode = TermNode | PhraseNode | HandleNode | HashtagNode | LangNode;
export type QueryNode = LeafNode | AndNode | OrNode | NotNode;
/** A whole parsed query. */
export type QueryAst = QueryNode;
