/**
 * Language of a short social post. Script decides first — Arabic script is Arabic (MSA or dialect, Darija
 * included), Devanagari is Hindi — because on tweets that is both more accurate and far cheaper than n-gram
 * statistics; Latin-script Darija ("Arabizi") is recognised by its digit letters (3 = ع, 7 = ح, 9 = ق); clear
 * English or French function words decide next. Only the rest goes to the injected Latin-script detector — in Vigie
 * ELD (src/models/language.ts), kept out of this module because its data costs most of a second to load.
 */

/** Identifies a Latin-script post the rules here could not settle: ISO 639-1 code or `und`. */
export type LatinDetector = (cleanedText: string) => string;

export const UNDETERMINED = 'und';

// A shortcut before ELD for the two Latin-script languages Vigie sees most: a post with several English (French)
// function words and none of French (English) or of the other UMSAB languages is English (French). Lists hold only
// words that are not also common words of the other languages ("la", "de", "die", "in", "mais" are left out).
const ENGLISH_WORDS = new Set([
  'the',
  'and',
  'is',
  'are',
  'you',
  'this',
  'that',
  'with',
  'for',
  'have',
  'has',
  'but',
  'what',
  'my',
  'your',
  'just',
  'they',
  'it',
  'of',
  'to',
  'be',
  'been',
  'at',
  'all',
  'can',
  'get',
  'from',
  'about',
  'if',
  'how',
  'when',
  'who',
  'would',
  'should',
  'there',
  'their',
  'our',
  'not',
  'will',
  'going',
  'got',
  'i',
  'im',
  'dont',
  'its',
  'was',
  'we',
]);
const FRENCH_WORDS = new Set([
  'est',
  'une',
  'je',
  'tu',
  'elle',
  'nous',
  'vous',
  'ils',
  'pas',
  'pour',
  'avec',
  'dans',
  'sur',
  'cette',
  'sont',
  'très',
  'mon',
  'mes',
  'aux',
  'ne',
  'ça',
  'être',
  'été',
  'leur',
  'rien',
  'tout',
  'toujours',
  'aussi',
  'fait',
  'merci',
  'les',
  'des',
  'du',
  'le',
  'et',
  'qui',
  'au',
  'ce',
  'qu',
  'j',
  'c',
  'l',
  'd',
  'n',
  'avoir',
  'peut',
  'plus',
]);
// Common words of the other model languages (es, it, pt, de, nl): any of them sends the post to ELD, except those
// also in the lists above ("le", "je", "qui"), which count for nothing either way.
const OTHER_WORDS = new Set([
  'el',
  'los',
  'las',
  'del',
  'por',
  'con',
  'una',
  'es',
  'y',
  'lo',
  'se',
  'que',
  'muy',
  'pero',
  'para',
  'como',
  'esta',
  'il',
  'di',
  'che',
  'per',
  'sono',
  'non',
  'della',
  'gli',
  'anche',
  'ho',
  'mi',
  'ti',
  'si',
  'ma',
  'le',
  'la',
  'qui',
  'não',
  'em',
  'um',
  'uma',
  'os',
  'com',
  'mais',
  'você',
  'eu',
  'ou',
  'meu',
  'ele',
  'und',
  'der',
  'die',
  'das',
  'ist',
  'nicht',
  'ich',
  'du',
  'ein',
  'eine',
  'auf',
  'mit',
  'den',
  'es',
  'sie',
  'wir',
  'het',
  'een',
  'van',
  'zijn',
  'niet',
  'ik',
  'je',
  'dat',
  'voor',
  'op',
  'te',
  'ook',
  'maar',
]);
const AMBIGUOUS = new Set([...OTHER_WORDS].filter((w) => ENGLISH_WORDS.has(w) || FRENCH_WORDS.has(w)));
const WORD_RE = /\p{L}+/gu;

function functionWordLanguage(text: string): string | undefined {
  let english = 0;
  let french = 0;
  for (const match of text.toLowerCase().matchAll(WORD_RE)) {
    const word = match[0];
    if (AMBIGUOUS.has(word)) continue;
    if (OTHER_WORDS.has(word)) return undefined;
    if (ENGLISH_WORDS.has(word)) english++;
    else if (FRENCH_WORDS.has(word)) french++;
  }
  if (english >= 2 && french === 0) return 'en';
  if (french >= 2 && english === 0) return 'fr';
  return undefined;
}

const CLEAN_RE = /\b(?:https?:\/\/|www\.)\S+|\bhttps?\b|@\w+|#|\bRT\b/gu;
// A 3, 7 or 9 inside a word ("ma3jbni", "wa7ed") or leading one ("3lach"), but not an ordinal or unit ("3rd", "9pm").
const ARABIZI_RE =
  /(?<![\p{L}\p{N}])(?:[a-z]+[379][a-z]+|[379](?!(?:st|nd|rd|th|am|pm|km|kg|gb|mb|min|mins|hrs?|yrs?|days?)(?![\p{L}\p{N}]))[a-z]{2,})[a-z379]*(?![\p{L}\p{N}])/iu;

/** A detector: ISO 639-1 code of a post's language, or `und`; without `latin`, undecided Latin script is `und`. */
export function createLanguageDetector(latin?: LatinDetector): (text: string) => string {
  return (text) => detect(text, latin);
}

function detect(text: string, latinDetector: LatinDetector | undefined): string {
  let arabic = 0;
  let devanagari = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x0900 && c <= 0x097f) devanagari++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
  }
  if (arabic > 0 && arabic >= latin) return 'ar';
  if (devanagari > 0 && devanagari >= latin) return 'hi';
  const cleaned = text.replace(CLEAN_RE, ' ');
  if (ARABIZI_RE.test(cleaned)) return 'ar';
  if (latin < 2) return UNDETERMINED;
  return functionWordLanguage(cleaned) ?? (latinDetector ? latinDetector(cleaned) : UNDETERMINED);
}

// Three-letter and dialect codes callers may pass; everything else is reduced to its primary subtag.
const ALIASES: Readonly<Record<string, string>> = {
  ara: 'ar',
  arb: 'ar',
  ary: 'ar',
  arz: 'ar',
  arq: 'ar',
  apc: 'ar',
  acm: 'ar',
  aeb: 'ar',
  eng: 'en',
  fra: 'fr',
  fre: 'fr',
  deu: 'de',
  ger: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  hin: 'hi',
};

/** Canonical ISO 639-1 code of a caller-supplied tag ("fr-FR" → fr, "ary" → ar), or undefined when empty. */
export function canonicalLanguage(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (primary === '') return undefined;
  return ALIASES[primary] ?? primary;
}
