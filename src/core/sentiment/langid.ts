import { normaliseArabic } from './normalise.js';

/**
 * Language of a short social post. Script decides first — Arabic script is Arabic or, with Darija's own words
 * (ديال, بزاف, واش…), Moroccan Darija (`ary`); Devanagari is Hindi — because on tweets that is both more accurate
 * and far cheaper than n-gram statistics; Latin-script Darija ("Arabizi") is recognised by its digit letters
 * (3 = ع, 7 = ح, 9 = ق) or its common words; clear English or French function words decide next. Only the rest goes
 * to the injected Latin-script detector — in Vigie ELD (src/models/language.ts), kept out of this module because its
 * data costs most of a second to load.
 *
 * A hint (the plan's languages) narrows every decision to the languages someone watches: a short post is never
 * put in a language nobody asked for when a watched one fits.
 */

/**
 * Identifies a Latin-script post the rules here could not settle: the best scoring of `candidates` (the watched
 * languages, or without a hint the Latin-script languages the model serves), even if another language scores
 * higher — on a short post "tonight" is Tagalog as often as English.
 */
export type LatinDetector = (cleanedText: string, candidates: readonly string[]) => string;

/** ISO 639-1 code of a post's language, `ary` for Darija, or `und`; `hint` = the languages watched, if known. */
export type LanguageDetector = (text: string, hint?: readonly string[]) => string;

export const UNDETERMINED = 'und';
export const DARIJA = 'ary';

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
// Darija words written in Latin letters without digits: two of them, or one in a post of at most three words, make a
// post Darija. Those that are also English, French or Spanish words or names (ARABIZI_WEAK) only confirm another;
// "had" and "safi" are left out altogether.
const ARABIZI_WORDS = new Set([
  'bzaf',
  'bzzaf',
  'bezaf',
  'bezzaf',
  'wach',
  'wash',
  'chno',
  'chnou',
  'achno',
  'dyal',
  'dial',
  'diali',
  'dialek',
  'dyali',
  'mzyan',
  'mzian',
  'mezyan',
  'mzn',
  'zwin',
  'zwina',
  'zwine',
  'khayb',
  'khayba',
  'khaib',
  'hchouma',
  'hchoma',
  'daba',
  'ghadi',
  'kayn',
  'kayna',
  'makaynch',
  'makaynsh',
  'walo',
  'walou',
  'machi',
  'mashi',
  'bghit',
  'bghina',
  'wakha',
  'hadchi',
  'hadshi',
  'rah',
  'rak',
  'rani',
  'drari',
  'khoya',
  'sahbi',
  'hbibi',
  'tbarkellah',
  'tbarkallah',
  'tbarklah',
  'lah',
  'llah',
  'inchallah',
  'nchallah',
  'hamdulah',
  'hamdullah',
  'lhamdulillah',
  'mabrouk',
  'kifach',
  'fin',
  'fine',
  'ila',
  'hta',
  'htta',
  'kolchi',
  'kolshi',
  'ghir',
  'zaama',
  'chwiya',
  'bnadem',
  'nta',
  'nti',
  'ntouma',
  'hna',
  'howa',
  'hiya',
  'lyoum',
  'lyom',
  'ghda',
  'mzyana',
  'nadi',
  'nadiya',
  'wlad',
  'khouya',
  'bnat',
  'dima',
  'bla',
  'baghi',
  'baghin',
  'baghya',
  'khas',
  'khass',
  'khassa',
  'khassha',
  'khasso',
  'bhal',
  'bhalha',
  'wahd',
  'wahed',
  'bli',
  'ktar',
  'bzf',
  'momkin',
  'mumkin',
  'daro',
  'diro',
  'dirou',
  'kanet',
  'kant',
  'kano',
  'kayen',
  'kaynin',
  'ewa',
  'aywa',
  'chi',
  'chwia',
  'hadak',
  'hadik',
  'hadou',
  'hadchy',
  'hadechi',
  'dakchi',
  'dakshi',
  'lwahed',
  'tay',
  'kay',
  'chkon',
  'chkoun',
  'fach',
  'mnin',
  'ghadin',
  'gha',
  'mchit',
  'mcha',
  'jat',
  'ja',
  '3la',
  'lina',
  'likom',
  'lih',
  'liha',
  'ana',
  'ntia',
  'ntiya',
  'nhar',
  'lhna',
  'ghi',
  'bach',
  'kolo',
  'kamlin',
  'mra',
  'mrat',
  'nass',
  'nas',
  'bnt',
  'lbnat',
  'zin',
  'mzyanin',
  'hamdolah',
  'hamdoullah',
  'bsahtek',
  'bsaha',
  'mabrok',
  'allah',
  'wallah',
  'walah',
  'inshallah',
  'yarbi',
  'yarabi',
  'rabi',
  'lhamdolah',
  'khti',
  'khoti',
  'yak',
  'yakma',
  '3lach',
  '3endi',
  '3andi',
  '3ndi',
]);
// Words that are also French, English, Spanish or names ("fin", "ana", "allah", "ja", "chi", "nas") only confirm.
const ARABIZI_WEAK = new Set([
  'fin',
  'fine',
  'nadi',
  'bla',
  'ila',
  'rah',
  'lah',
  'nta',
  'hna',
  'dima',
  'ana',
  'allah',
  'kay',
  'ja',
  'nas',
  'nass',
  'mra',
  'chi',
  'tay',
  'nhar',
  'lih',
  'gha',
  'ghi',
  'kolo',
  'bach',
  'yak',
  'zin',
]);
// Darija in Arabic script: words of Darija that MSA and the eastern dialects do not use (after normalise.ts folding).
const DARIJA_WORDS = new Set([
  'ديال',
  'ديالي',
  'ديالك',
  'ديالو',
  'ديالها',
  'ديالهم',
  'ديالنا',
  'ديالكم',
  'بزاف',
  'بزااف',
  'واش',
  'شنو',
  'شنوا',
  'علاش',
  'كيفاش',
  'فاين',
  'دابا',
  'غادي',
  'غاديه',
  'بغيت',
  'بغينا',
  'كاين',
  'كاينه',
  'ماكاينش',
  'مكاينش',
  'مزيان',
  'مزيانه',
  'زوين',
  'زوينه',
  'خايب',
  'خايبه',
  'والو',
  'حيت',
  'هادشي',
  'هاداك',
  'هاد',
  'عافاك',
  'صافي',
  'دراري',
  'الدراري',
  'بنادم',
  'ديما',
  'واخا',
  'شحال',
  'مابغيتش',
  'نتوما',
  'كاع',
  'راني',
  'بلاصه',
  'تبارك',
  'كنبغي',
  'كنحب',
  'كيدير',
  'كيديرو',
]);
// Also common in Algerian and some eastern dialects (measured on the pool): two of them are needed, or one strong word.
const DARIJA_WEAK = new Set([
  'بزاف',
  'بزااف',
  'واش',
  'علاش',
  'كاين',
  'كاينه',
  'راني',
  'والو',
  'شنو',
  'دراري',
  'بنادم',
  'كيفاش',
  'نتوما',
  'بلاصه',
  'فاين',
  'تبارك',
]);
const ARABIC_WORD_RE = /[\u0621-\u064a]+/gu;

/** Darija by its own words (Arabic script): one strong word or two shared with Algerian and eastern dialects. */
function hasDarijaWords(text: string): boolean {
  let weak = 0;
  for (const match of text.matchAll(ARABIC_WORD_RE)) {
    let word = match[0];
    // و ("and") and ف ("in") fuse to the next word: "وديال", "فدابا".
    if (!DARIJA_WORDS.has(word) && word.length > 3 && (word[0] === 'و' || word[0] === 'ف')) word = word.slice(1);
    if (!DARIJA_WORDS.has(word)) continue;
    if (!DARIJA_WEAK.has(word)) return true;
    if (++weak >= 2) return true;
  }
  return false;
}

function isArabizi(cleaned: string): boolean {
  if (ARABIZI_RE.test(cleaned)) return true;
  let strong = 0;
  let weak = 0;
  let words = 0;
  for (const match of cleaned.toLowerCase().matchAll(WORD_RE)) {
    words++;
    const word = match[0];
    if (ARABIZI_WORDS.has(word)) {
      if (ARABIZI_WEAK.has(word)) weak++;
      else strong++;
    }
  }
  return strong >= 2 || (strong === 1 && (weak >= 1 || words <= 3));
}

/** The Latin-script languages the model serves: where an unhinted post is put rather than in one nobody watches. */
const MODEL_LATIN = ['en', 'fr', 'es', 'de', 'it', 'pt'];

/** A detector: see LanguageDetector; without `latin`, undecided Latin script is `und` (or the one watched language). */
export function createLanguageDetector(latin?: LatinDetector): LanguageDetector {
  return (text, hint) => detect(text, latin, hint === undefined || hint.length === 0 ? undefined : canonicalHint(hint));
}

function canonicalHint(hint: readonly string[]): string[] {
  return [...new Set(hint.map((tag) => canonicalLanguage(tag)).filter((tag): tag is string => tag !== undefined))];
}

/** Arabic or Darija, as watched: a plan watching Arabic gets Darija as Darija (plans accept it as Arabic). */
function arabicFamily(found: string, hint: readonly string[] | undefined): string {
  if (!hint || hint.includes(found) || hint.includes('ar')) return found;
  return hint.includes(DARIJA) ? DARIJA : found;
}

// Links, @handles and #hashtags are brand names and addresses, mostly in Latin letters whatever the post's language.
const SOCIAL_RE = /(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_]+/gu;

function detect(text: string, latinDetector: LatinDetector | undefined, hint: readonly string[] | undefined): string {
  let arabic = 0;
  let devanagari = 0;
  let latin = 0;
  const body = text.includes('@') || text.includes('#') || text.includes('http') || text.includes('www.') ? text.replace(SOCIAL_RE, ' ') : text;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x0900 && c <= 0x097f) devanagari++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
  }
  if (arabic > 0 && arabic >= latin) return arabicFamily(hasDarijaWords(normaliseArabic(text)) ? DARIJA : 'ar', hint);
  if (devanagari > 0 && devanagari >= latin) return 'hi';
  const cleaned = body.replace(CLEAN_RE, ' ');
  const watchesArabic = !hint || hint.includes('ar') || hint.includes(DARIJA);
  if (watchesArabic && isArabizi(cleaned)) return arabicFamily(DARIJA, hint);
  if (latin < 2) return UNDETERMINED;
  // Arabic script in the minority (a brand name or a French phrase around it) still lets a watched Arabic win.
  const candidates = hint?.filter((code) => (code !== 'ar' || arabic > 0) && code !== DARIJA && code !== 'hi');
  if (candidates && candidates.length === 0) return hint!.includes(DARIJA) && !hint!.includes('ar') ? DARIJA : 'ar';
  const byWords = functionWordLanguage(cleaned);
  if (byWords && (!candidates || candidates.includes(byWords))) return byWords;
  if (!latinDetector) return candidates?.length === 1 ? candidates[0]! : UNDETERMINED;
  return latinDetector(cleaned, candidates ?? MODEL_LATIN);
}

// Three-letter and dialect codes callers may pass; everything else is reduced to its primary subtag.
const ALIASES: Readonly<Record<string, string>> = {
  ara: 'ar',
  arb: 'ar',
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

/** Canonical ISO 639-1 code of a caller-supplied tag ("fr-FR" → fr, "arz" → ar; Darija stays `ary`), or undefined when empty. */
export function canonicalLanguage(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (primary === '') return undefined;
  return ALIASES[primary] ?? primary;
}
