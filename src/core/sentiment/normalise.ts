/**
 * Social-text normalisation shared by training and inference: whatever is done here must be done identically at
 * both ends, so any change means retraining the shipped weights (bump the feature version in model.ts).
 *
 * Output is lower-case text, Latin accents folded, where social signals have become marker words starting with `_`
 * (`_url`, `_user`, `_emopos`, `_elong`, `_caps`, …), which the tokeniser keeps whole.
 */

/**
 * Marker words, produced here (number and laugh by the tokeniser); features treat them as ordinary words.
 * Elongation markers go at the end of the post, one per elongated run, so collapsing stays a single cheap pass.
 */
export const MARKERS = {
  url: '_url',
  user: '_user',
  hashtag: '_hashtag',
  number: '_num',
  elongation: '_elong',
  caps: '_caps',
  emoticonPositive: '_emopos',
  emoticonNegative: '_emoneg',
  laugh: '_laugh',
} as const;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\bhttps?\b(?=\s|$)/giu;
const HANDLE_RE = /@\w+/gu;
const HASHTAG_RE = /#([\p{L}\p{N}_]+)/gu;
// Emoticons are matched only between spaces or string ends so that "http://x" or "10:30" do not become smileys.
const EMOTICON_POS_RE = /(?<=^|\s)(?:[:;=8][-'^o]?[)\]}dDpP3*]+|\(+[-^]?[:;=]|\^[_.-]?\^|<3+|[xX][dD]+)(?=\s|$)/gu;
const EMOTICON_NEG_RE = /(?<=^|\s)(?:[:;=][-'^]?[([{/\\|]+|[)\]][-^]?[:;=]|:'\(+|<\/3|[dD]:)(?=\s|$)/gu;
const ELONGATION_RE = /(\p{L})\1{2,}/gu;
const CAPS_WORD_RE = /(?<![\p{L}\p{N}])(\p{Lu}{3,})(?![\p{L}\p{N}])/gu;
const CAMEL_SPLIT_RE = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const APOSTROPHE_RE = /[\u2019\u2018\u02bc\u00b4`]/gu;
const APOSTROPHE_TEST_RE = /[\u2019\u2018\u02bc\u00b4`]/u;
const URL_TEST_RE = /http|www\./iu;
const EMOTICON_TEST_RE = /[:;=<^]|[xX][dD]/u;
// Cheap non-Unicode pre-tests (Unicode property escapes are slow on Arabic text); the exact regexes follow.
const CAPS_TEST_RE = /[A-Z\u00c0-\u00de]{3}/;
const ELONGATION_TEST_RE = /([^\s\d.!?*=_-])\1\1/;
const CANT_TEST_RE = /can/iu;
const FRENCH_ELISION_RE = /(?<![\p{L}])([ldjmnstc]|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/giu;
const ENGLISH_NT_RE = /(\p{L})n't\b/giu;
const ENGLISH_CANT_RE = /\bcan'?t\b|\bcannot\b/giu;
// Single spaces are the norm: only runs and other whitespace are replaced (a plain \s+ pass cost more than
// all the other passes together).
const SPACES_RE = /\s{2,}|[\t\n\r\v\f\u00a0\u2000-\u200b\u202f\u3000]/gu;

// Arabic, as one table lookup per character (this runs for every Arabic post): harakat, Quranic marks, superscript
// alef and tatweel are dropped (0); alef, ya, ta marbuta, hamza-seat and Persian letter variants fold to their base;
// Arabic-Indic digits and punctuation become Latin ones so that numbers and negation scopes are seen the same way.
const ARABIC_MAP = new Uint16Array(0x100);
for (let c = 0; c < 0x100; c++) ARABIC_MAP[c] = 0x600 + c;
for (const c of [0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x40, 0x70]) ARABIC_MAP[c] = 0;
for (let c = 0x4b; c <= 0x5f; c++) ARABIC_MAP[c] = 0;
for (let c = 0xd6; c <= 0xed; c++) ARABIC_MAP[c] = 0;
for (const c of [0x22, 0x23, 0x25, 0x71, 0x72, 0x73]) ARABIC_MAP[c] = 0x627; // آ أ إ ٱ ٲ ٳ → ا
for (const c of [0x49, 0xcc, 0xd2, 0x26]) ARABIC_MAP[c] = 0x64a; // ى ی ے ئ → ي
ARABIC_MAP[0x29] = 0x647; // ة → ه
ARABIC_MAP[0x24] = 0x648; // ؤ → و
ARABIC_MAP[0xa9] = 0x643; // Persian kaf → ك
ARABIC_MAP[0xaf] = 0x643; // gaf (Darija g) → ك
ARABIC_MAP[0xa4] = 0x641; // veh (Darija v) → ف
for (let d = 0; d < 10; d++) {
  ARABIC_MAP[0x60 + d] = 0x30 + d;
  ARABIC_MAP[0xf0 + d] = 0x30 + d;
}
ARABIC_MAP[0x0c] = 0x2c; // ، → ,
ARABIC_MAP[0x1b] = 0x3b; // ؛ → ;
ARABIC_MAP[0x1f] = 0x3f; // ؟ → ?
const HAS_ARABIC_RE = /[\u0600-\u06ff]/u;

// Latin letters with diacritics (Latin-1 and Latin Extended-A) fold to their base letter, œ and æ to two letters:
// French tweets drop accents freely ("ecologie" beside "écologie", "#Eoliennes"), so the two spellings are one word.
// Measured on 5-fold cross-validation of UMSAB French train: macro-F1 +1.1, +1.4 and +0.5 over three seeds.
const LATIN_FOLD = new Map<string, string>([
  ['\u0153', 'oe'],
  ['\u00e6', 'ae'],
]);
for (let c = 0xc0; c <= 0x17f; c++) {
  const letter = String.fromCharCode(c);
  const base = letter.normalize('NFD').charAt(0);
  if (base !== letter && base.charCodeAt(0) < 0x80) LATIN_FOLD.set(letter, base);
}
const LATIN_ACCENT_RE = /[\u00c0-\u017f]/gu;
const LATIN_ACCENT_TEST_RE = /[\u00c0-\u017f]/u;

let scratch = new Uint16Array(512);
const UTF16 = new TextDecoder('utf-16le');

export function normaliseArabic(text: string): string {
  if (text.length > scratch.length) scratch = new Uint16Array(text.length * 2);
  let n = 0;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const mapped = c >= 0x600 && c <= 0x6ff ? ARABIC_MAP[c - 0x600]! : c;
    if (mapped !== c) changed = true;
    if (mapped !== 0) scratch[n++] = mapped;
  }
  return changed ? UTF16.decode(scratch.subarray(0, n)) : text;
}

function splitHashtag(tag: string): string {
  const parts = tag
    .split('_')
    .flatMap((p) => p.split(CAMEL_SPLIT_RE))
    .filter((p) => p.length > 0);
  const joined = tag.replace(/_/gu, '');
  // Keep the whole tag as a word too: "#boycottacme" cannot be split without a dictionary, and the whole tag is a signal.
  return parts.length > 1 ? ` ${MARKERS.hashtag} ${parts.join(' ')} ${joined} ` : ` ${MARKERS.hashtag} ${joined} `;
}

/** Normalises one social post to the form the tokeniser expects. Pure and deterministic. */
export function normalise(text: string): string {
  // Each pass is guarded by a cheap test: this runs for every mention, and most posts need only a few passes.
  let s = text.normalize('NFC');
  if (HAS_ARABIC_RE.test(s)) s = normaliseArabic(s);
  if (APOSTROPHE_TEST_RE.test(s)) s = s.replace(APOSTROPHE_RE, "'");
  if (URL_TEST_RE.test(s)) s = s.replace(URL_RE, ` ${MARKERS.url} `);
  if (s.includes('@')) s = s.replace(HANDLE_RE, ` ${MARKERS.user} `);
  if (s.includes('#')) s = s.replace(HASHTAG_RE, (_m, tag: string) => splitHashtag(tag));
  if (EMOTICON_TEST_RE.test(s)) {
    s = s.replace(EMOTICON_NEG_RE, ` ${MARKERS.emoticonNegative} `).replace(EMOTICON_POS_RE, ` ${MARKERS.emoticonPositive} `);
  }
  if (CAPS_TEST_RE.test(s)) s = s.replace(CAPS_WORD_RE, (w: string) => `${MARKERS.caps} ${w}`);
  if (ELONGATION_TEST_RE.test(s)) {
    let elongations = 0;
    s = s.replace(ELONGATION_RE, (_m, c: string) => {
      elongations++;
      return c + c;
    });
    s += ` ${MARKERS.elongation}`.repeat(elongations);
  }
  if (CANT_TEST_RE.test(s)) s = s.replace(ENGLISH_CANT_RE, 'can not');
  if (s.includes("'")) s = s.replace(ENGLISH_NT_RE, '$1 not').replace(FRENCH_ELISION_RE, "$1' ");
  s = s.toLowerCase();
  if (LATIN_ACCENT_TEST_RE.test(s)) s = s.replace(LATIN_ACCENT_RE, (c) => LATIN_FOLD.get(c) ?? c);
  return s.replace(SPACES_RE, ' ').trim();
}
