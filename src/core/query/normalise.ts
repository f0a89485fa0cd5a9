/**
 * Text folding and tokenising shared by queries and mentions. Both sides go through exactly these functions, so a
 * query word and a text word compare equal whenever a reader would say they are the same word: case, accents,
 * Arabic letter variants and short vowels, ligatures and full-width forms do not matter.
 */

/** Characters removed or replaced after NFKD decomposition and lower-casing. */
const FOLD_MAP: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  þ: 'th',
  ı: 'i',
  ς: 'σ',
  // Arabic: alef wasla → alef, ta marbuta → ha, alef maksura / Farsi yeh → ya, Farsi keheh → kaf, Urdu heh → ha.
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ھ: 'ه',
  // Modifier letters used as apostrophes would otherwise glue "l'" to the next word.
  ʼ: "'",
  ʻ: "'",
};
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * Combining diacritics (Latin, Greek, Cyrillic), Arabic harakat, honorific signs, superscript alef and Quranic marks,
 * tatweel, Hebrew points, the letters of FOLD_MAP and Arabic-Indic digits. Marks of Indic and South-East Asian
 * scripts are kept: they are vowels there, not accents.
 */
const FOLD_RE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists combining marks on purpose, to delete them one by one.
  /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7ßæœøłđħþıςٱةىیکھʼʻ\u0660-\u0669\u06f0-\u06f9]/g;

function foldChar(ch: string): string {
  const mapped = FOLD_MAP[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) return String.fromCharCode(48 + code - ARABIC_INDIC_ZERO);
  if (code >= EXTENDED_ARABIC_INDIC_ZERO && code <= EXTENDED_ARABIC_INDIC_ZERO + 9) {
    return String.fromCharCode(48 + code - EXTENDED_ARABIC_INDIC_ZERO);
  }
  return '';
}

/** The complete folding, for any text; foldText takes shortcuts that give the same result. */
export function foldSlowly(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(FOLD_RE, foldChar);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: a range over all of ASCII, control characters included.
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/**
 * Latin, Greek, Cyrillic, Hebrew and Arabic letters and general punctuation: in these blocks every mark that NFKD
 * could reorder is removed, so folding character by character gives the complete folding, without NFKD's cost.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a range starting at U+0000, control characters included.
const PER_CHARACTER = /^[\x00-\u06ff\u2000-\u206f]*$/;
const CHARACTER_FOLDS = new Map<string, string>();
function tabulateFolds(from: number, to: number): void {
  for (let code = from; code <= to; code++) {
    const ch = String.fromCharCode(code);
    const folded = foldSlowly(ch);
    if (folded !== ch) CHARACTER_FOLDS.set(ch, folded);
  }
}
tabulateFolds(0x80, 0x6ff);
tabulateFolds(0x2000, 0x206f);
const CHANGED_CHARACTER = new RegExp(`[${[...CHARACTER_FOLDS.keys()].join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
const foldCharacter = (ch: string): string => CHARACTER_FOLDS.get(ch)!;

/** Lower-cases and removes what does not change a word's identity for a reader (see FOLD_RE). */
export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  if (PER_CHARACTER.test(text)) return text.toLowerCase().replace(CHANGED_CHARACTER, foldCharacter);
  return foldSlowly(text);
}

/** Character classes of the tokeniser, cached per UTF-16 code unit on first sight (0 = not yet classified). */
const SEPARATOR = 1;
const WORD = 2;
/** Scripts written without spaces between words: each character is a token, and a query word becomes a phrase. */
const SINGLE = 3;
const classes = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isUnspacedScript(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0x0e00 && code <= 0x0eff) || // Thai, Lao
    (code >= 0x1000 && code <= 0x109f) || // Myanmar
    (code >= 0x1780 && code <= 0x17ff) || // Khmer
    code >= 0x20000 // supplementary ideographic planes
  );
}

function classifyCodePoint(code: number): number {
  if (!WORD_CHAR.test(String.fromCodePoint(code))) return SEPARATOR;
  return isUnspacedScript(code) ? SINGLE : WORD;
}

for (let c = 0; c < 0x80; c++) classes[c] = classifyCodePoint(c);

/** Class of the character at `i`: a table read for the common case, classified and cached on first sight. */
function classAt(s: string, i: number): number {
  const code = s.charCodeAt(i);
  if (code < 0xd800) {
    const cls = classes[code]!;
    if (cls !== 0) return cls;
  }
  return classifyAt(s, i, code);
}

function classifyAt(s: string, i: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdbff) return classifyCodePoint(s.codePointAt(i) ?? code);
  let cls = classes[code]!;
  if (cls === 0) {
    cls = code >= 0xdc00 && code <= 0xdfff ? SEPARATOR : classifyCodePoint(code);
    classes[code] = cls;
  }
  return cls;
}

/** Width in code units of the character at `i`: 2 for a surrogate pair. */
function widthAt(s: string, i: number): number {
  const code = s.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

const UNDERSCORE = 0x5f;
const HASH = 0x23;
const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;

/** Arabic definite article, alone or after the proclitics wa-, fa-, bi-, ka-, and li- + al- written "لل". */
const ARABIC_ARTICLES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
/** A word keeps its article when fewer letters than this would remain ("الله" stays whole). */
const MIN_ARABIC_STEM = 3;

/**
 * The comparable form of one folded word. Arabic writes the article and some particles attached to the noun, so
 * "الشركة", "والشركة" and "شركة" are the same word for a listener: the article is removed on both sides.
 */
export function wordForm(word: string): string {
  const first = word.charCodeAt(0);
  if (first < 0x0621 || first > 0x064a || word.length < 2 + MIN_ARABIC_STEM) return word;
  for (const article of ARABIC_ARTICLES) {
    if (word.startsWith(article) && word.length - article.length >= MIN_ARABIC_STEM) return word.slice(article.length);
  }
  return word;
}

export interface Tokens {
  /** Words in reading order. */
  words: string[];
  /** Hashtags without `#`, folded, underscores kept. */
  tags: string[];
  /** @mentions without `@`, folded; `user@instance` also yields `user`. */
  handles: string[];
}

function isTagChar(s: string, i: number): boolean {
  return s.charCodeAt(i) === UNDERSCORE || classAt(s, i) >= WORD;
}

function isHandleChar(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  return code === UNDERSCORE || code === DOT || code === HYPHEN || classAt(s, i) >= WORD;
}

function scanTag(s: string, start: number): number {
  let j = start;
  while (j < s.length && isTagChar(s, j)) j += widthAt(s, j);
  return j;
}

function scanHandle(s: string, start: number): number {
  let j = start;
  while (j < s.length && isHandleChar(s, j)) j += widthAt(s, j);
  if (j + 1 < s.length && s.charCodeAt(j) === AT && classAt(s, j + 1) >= WORD) {
    j += 1;
    while (j < s.length && isHandleChar(s, j)) j += widthAt(s, j);
  }
  while (j > start && (s.charCodeAt(j - 1) === DOT || s.charCodeAt(j - 1) === HYPHEN)) j--;
  return j;
}

const BLUESKY_SUFFIX = '.bsky.social';

/**
 * Adds a folded handle and the short names it is also known by: the user part of a Mastodon address
 * (`acme@mastodon.social`) and of a default Bluesky handle (`acme.bsky.social`).
 */
export function pushHandle(handle: string, out: string[]): void {
  out.push(handle);
  const at = handle.indexOf('@');
  if (at > 0) out.push(handle.slice(0, at));
  else if (handle.endsWith(BLUESKY_SUFFIX) && handle.length > BLUESKY_SUFFIX.length) {
    out.push(handle.slice(0, -BLUESKY_SUFFIX.length));
  }
}

/**
 * Splits already folded text into words, hashtags and @mentions. Words are runs of letters, digits and marks:
 * apostrophes, hyphens, underscores and punctuation separate them, which is what makes "l'Acme", "Acme's",
 * "#acme" and "@acme_support" contain the word "acme". A `#` or `@` counts only at the start of a word, so
 * "mail@acme.com" holds no handle.
 */
export function scanFolded(s: string, out: Tokens): void {
  const n = s.length;
  let i = 0;
  let afterWordChar = false;
  while (i < n) {
    const cls = classAt(s, i);
    if (cls === WORD) {
      const start = i;
      do i += widthAt(s, i);
      while (i < n && classAt(s, i) === WORD);
      out.words.push(wordForm(s.slice(start, i)));
      afterWordChar = true;
      continue;
    }
    if (cls === SINGLE) {
      const w = widthAt(s, i);
      out.words.push(s.slice(i, i + w));
      i += w;
      afterWordChar = true;
      continue;
    }
    const code = s.charCodeAt(i);
    if (!afterWordChar && (code === HASH || code === AT) && i + 1 < n && classAt(s, i + 1) >= WORD) {
      if (code === HASH) out.tags.push(s.slice(i + 1, scanTag(s, i + 1)));
      else pushHandle(s.slice(i + 1, scanHandle(s, i + 1)), out.handles);
    }
    afterWordChar = code === UNDERSCORE;
    i += 1;
  }
}

/** Folds then tokenises: the words of a query term or phrase, compared with a mention's words. */
export function wordsOf(text: string): string[] {
  const out: Tokens = { words: [], tags: [], handles: [] };
  scanFolded(foldText(text), out);
  return out.words;
}
