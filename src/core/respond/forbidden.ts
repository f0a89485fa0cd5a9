import { tokenize } from './tokens.js';

/**
 * The forbidden phrasings a text contains, matched on whole words with case and accents ignored, so that
 * "No comment!" is caught and "follow" does not trip on "lol".
 */
export function forbiddenPhrasings(text: string, phrases: readonly string[]): string[] {
  const words = tokenize(text).map((t) => t.norm);
  return phrases.filter((phrase) => {
    const needle = tokenize(phrase).map((t) => t.norm);
    if (needle.length === 0) return false;
    for (let i = 0; i + needle.length <= words.length; i++) {
      if (needle.every((w, k) => words[i + k] === w)) return true;
    }
    return false;
  });
}
