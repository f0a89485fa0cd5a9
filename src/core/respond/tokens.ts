/** A word of a text, normalised for matching, with its span in the original text (for evidence excerpts). */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

// Links and @handles carry brand names and random ids, never a complaint cue: they are masked before tokenising.
const NOISE = /https?:\/\/\S+|www\.\S+|@\w+/giu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ARABIC_LETTER_VARIANTS: Array<[RegExp, string]> = [
  [/[\u0622\u0623\u0625\u0671]/g, '\u0627'],
  [/\u0629/g, '\u0647'],
  [/\u0649/g, '\u064a'],
  [/\u0640/g, ''],
];

/**
 * Lower case, no diacritics (French accents and Arabic short vowels alike), Arabic letter variants folded,
 * so that "retardé", "RETARDE" and "retarde" — or "تأخير" and "تاخير" — are one cue.
 */
export function normalizeWord(word: string): string {
  let out = word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [from, to] of ARABIC_LETTER_VARIANTS) out = out.replace(from, to);
  return out;
}

export function tokenize(text: string): Token[] {
  const masked = text.replace(NOISE, (m) => ' '.repeat(m.length));
  const tokens: Token[] = [];
  for (const match of masked.matchAll(WORD)) {
    const norm = normalizeWord(match[0]);
    if (norm.length > 0) tokens.push({ norm, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
