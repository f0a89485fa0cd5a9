import { foldText, pushHandle, scanFolded, type Tokens } from './normalise.js';

/** What a query looks at in a mention. */
export interface MatchInput {
  text: string;
  title?: string | undefined;
  /** As the source gives it: `acme`, `@acme`, `acme@mastodon.social`, `acme.bsky.social`. */
  author?: string | undefined;
  /** BCP 47 or ISO 639 (`fr`, `fr-FR`, `fr_CA`); only the primary subtag is compared. */
  lang?: string | undefined;
}

/**
 * Separates title words from text words, so that a phrase never spans the two. No query word is empty, so it
 * never matches anything itself.
 */
const BOUNDARY = '';

/** Word look-ups answered by scanning the word list before a set is built. */
const LINEAR_LOOKUPS = 8;

/**
 * A mention folded and tokenised once, then read by every query and by the index. Most mentions only meet the
 * index, which walks the word list, and a few candidate queries: a set of words is built only if many look-ups come.
 */
export class PreparedText {
  /** Words in reading order (title, then text). */
  readonly words: readonly string[];
  /** Hashtags without `#`. */
  readonly tags: readonly string[];
  /** The author's names and the @mentions of the text, without `@`. */
  readonly handles: readonly string[];
  /** Primary language subtag, lower case, or undefined when the source did not say. */
  readonly lang: string | undefined;
  /** Built once a mention has been asked about many words (brute force, or many candidate queries). */
  private wordSet: Set<string> | undefined;
  private wordLookups = 0;

  constructor(tokens: Tokens, lang: string | undefined) {
    this.words = tokens.words;
    this.tags = tokens.tags;
    this.handles = tokens.handles;
    this.lang = lang;
  }

  hasWord(word: string): boolean {
    if (this.wordSet) return this.wordSet.has(word);
    if (++this.wordLookups > LINEAR_LOOKUPS) this.wordSet = new Set(this.words);
    return this.words.includes(word);
  }

  /** Hashtags and handles are few per mention: a scan costs less than building a set. */
  hasTag(tag: string): boolean {
    return this.tags.includes(tag);
  }

  hasHandle(handle: string): boolean {
    return this.handles.includes(handle);
  }

  hasPrefix(stem: string): boolean {
    for (const word of this.words) if (word.startsWith(stem)) return true;
    return false;
  }

  /** Whether `phrase` occurs as consecutive words; with `prefixLast`, the last one need only start with its text. */
  hasPhrase(phrase: readonly string[], prefixLast = false): boolean {
    const first = phrase[0];
    if (first === undefined) return false;
    const exact = prefixLast ? phrase.length - 1 : phrase.length;
    let at = this.words.indexOf(first);
    while (at !== -1) {
      let k = 1;
      while (k < exact && this.words[at + k] === phrase[k]) k++;
      if (k === exact && (!prefixLast || (at + k < this.words.length && this.words[at + k]!.startsWith(phrase[k]!)))) {
        return true;
      }
      at = this.words.indexOf(first, at + 1);
    }
    return false;
  }
}

function primaryLanguage(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const primary = lang.split(/[-_]/, 1)[0]!.toLowerCase();
  return primary === '' ? undefined : primary;
}

/** Folds and tokenises a mention once; the result is shared by every query it is tested against. */
export function prepareText(input: MatchInput): PreparedText {
  const tokens: Tokens = { words: [], tags: [], handles: [] };
  if (input.title) {
    scanFolded(foldText(input.title), tokens);
    tokens.words.push(BOUNDARY);
  }
  scanFolded(foldText(input.text), tokens);
  if (input.author) {
    const author = foldText(input.author.trim()).replace(/^@/, '');
    if (author !== '') pushHandle(author, tokens.handles);
  }
  return new PreparedText(tokens, primaryLanguage(input.lang));
}
