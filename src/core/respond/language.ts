import type { Token } from './tokens.js';

const ARABIC = /[\u0600-\u06ff]/;
// Frequent function words, normalised (no accents): enough to tell English from French in a short post.
const FRENCH = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'un',
  'une',
  'est',
  'et',
  'pour',
  'pas',
  'je',
  'nous',
  'vous',
  'mon',
  'ma',
  'mes',
  'avec',
  'sur',
  'dans',
  'ce',
  'cette',
  'qui',
  'que',
  'au',
  'aux',
  'depuis',
  'toujours',
  'tres',
  'plus',
  'sans',
  'ne',
  'j',
  'd',
  'l',
  'c',
  'n',
  'qu',
  'ou',
  'mais',
  'merci',
]);
const ENGLISH = new Set([
  'the',
  'a',
  'an',
  'is',
  'and',
  'for',
  'not',
  'i',
  'we',
  'you',
  'my',
  'with',
  'on',
  'in',
  'this',
  'that',
  'who',
  'to',
  'of',
  'at',
  'since',
  'still',
  'very',
  'more',
  'without',
  'no',
  'it',
  'was',
  'have',
  'been',
  'your',
  'but',
  'thanks',
  'me',
  'our',
  'are',
  'be',
]);

/**
 * The language of a post whose language is not given, among those Vigie has cues for: Arabic by its script,
 * French or English by their function words; undefined when nothing tells (every language's cues then apply).
 */
export function guessLanguage(text: string, tokens: Token[]): 'ar' | 'fr' | 'en' | undefined {
  if (ARABIC.test(text)) return 'ar';
  let fr = 0;
  let en = 0;
  for (const token of tokens) {
    if (FRENCH.has(token.norm)) fr++;
    if (ENGLISH.has(token.norm)) en++;
  }
  if (fr === en) return undefined;
  return fr > en ? 'fr' : 'en';
}
