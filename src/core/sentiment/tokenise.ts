import { MARKERS } from './normalise.js';

/**
 * Splits normalised text (see normalise.ts) into words, emoji and sentence punctuation, and marks negation scope:
 * the words that follow a negation cue, up to the next punctuation or NEGATION_WINDOW words, are returned with
 * NEGATED_PREFIX, so that "not happy" and "happy" are different features.
 */

export const NEGATED_PREFIX = 'neg_';
/** Emitted once per negation cue, so a model sees that a post contains a negation at all. */
export const NEGATION_MARKER = '_neg';
const NEGATION_WINDOW = 3;

const TOKEN_RE = /_[a-z]+|[\p{L}\p{M}\p{N}]+|\p{Extended_Pictographic}|[!?]|[.,;:]/gu;
const SCOPE_END = new Set(['.', ',', ';', ':', '!', '?']);
const LAUGH_RE = /^(?:(?:ha|he|hi|ja|je|ji){2,}h?|h{2,}|l+o+l+|mdr+|ptdr+|x+d+|هه+|خخ+)$/u;
const LAUGH_FIRST = new Set(['h', 'j', 'l', 'm', 'p', 'x', 'ه', 'خ']);
const NUMBER_RE = /^\p{N}+$/u;

const NEGATION_CUES = new Set([
  // English (normalise.ts already turned "n't" and "can't" into "not")
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'without',
  'hardly',
  // French ("ne … pas": "ne"/"n'" opens the scope — the apostrophe is gone by now; "pas" alone is common in speech).
  // Latin accents are folded by normalise.ts, so cues are written without them ("guere", "nao").
  'ne',
  'n',
  'pas',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'personne',
  'sans',
  'ni',
  'guere',
  // Spanish, Italian, Portuguese, German (UMSAB languages)
  'nunca',
  'nada',
  'nadie',
  'sin',
  'non',
  'mai',
  'niente',
  'senza',
  'nao',
  'nem',
  'sem',
  'nicht',
  'kein',
  'keine',
  'keinen',
  'nie',
  'niemals',
  'nichts',
  'ohne',
  // Arabic (MSA and dialects, after normalise.ts folding: ليس, لم, لن, لا, ما, مش, مو, مب, ماشي, مافي, بدون, غير)
  'ليس',
  'لست',
  'ليست',
  'لم',
  'لن',
  'لا',
  'ما',
  'مش',
  'مو',
  'مب',
  'ماشي',
  'مشي',
  'مافي',
  'مافيش',
  'بدون',
  'غير',
  'بلا',
  // Darija in Latin script (Arabizi)
  'ma',
  'mach',
  'machi',
  'mashi',
  'mafih',
  'mafihch',
  'bla',
]);

// Darija/Egyptian negation fused to the verb: ما…ش (ماعجبنيش), م…ش (مفهمتش), Arabizi ma…ch / ma…sh (ma3jbnich).
const FUSED_ARABIC_NEGATION_RE = /^م(?:ا)?[\u0621-\u064a]{2,}ش$/u;
const FUSED_ARABIZI_NEGATION_RE = /^ma[a-z0-9]{2,}(?:ch|sh|š)$/u;

function isFusedNegation(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first === 0x645 /* م */) return FUSED_ARABIC_NEGATION_RE.test(word);
  return first === 0x6d /* m */ && FUSED_ARABIZI_NEGATION_RE.test(word);
}

/** Laughter ("hahaha", "mdr", "هههه") and bare numbers become marker words. */
function canonical(token: string): string {
  const c = token.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669)) return NUMBER_RE.test(token) ? MARKERS.number : token;
  return LAUGH_FIRST.has(token[0]!) && LAUGH_RE.test(token) ? MARKERS.laugh : token;
}

/** Words only: marker words (`_…`) and emoji keep their own meaning inside a negation scope. */
function isNegatable(token: string): boolean {
  const c = token.charCodeAt(0);
  return c !== 0x5f && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0x2000 && c <= 0x2bff);
}

/** Tokens of a normalised post, negation scope marked. */
export function tokenise(normalised: string): string[] {
  const out: string[] = [];
  let scope = 0;
  TOKEN_RE.lastIndex = 0;
  for (let match = TOKEN_RE.exec(normalised); match !== null; match = TOKEN_RE.exec(normalised)) {
    const token = canonical(match[0]);
    if (SCOPE_END.has(token)) {
      scope = 0;
      if (token === '!' || token === '?') out.push(token);
      continue;
    }
    if (NEGATION_CUES.has(token)) {
      out.push(token, NEGATION_MARKER);
      scope = NEGATION_WINDOW;
      continue;
    }
    if (isFusedNegation(token)) {
      out.push(NEGATED_PREFIX + token, NEGATION_MARKER);
      scope = NEGATION_WINDOW;
      continue;
    }
    if (scope > 0 && isNegatable(token)) {
      out.push(NEGATED_PREFIX + token);
      scope--;
    } else {
      out.push(token);
    }
  }
  return out;
}
