import type { Locale } from './locale.js';

/** A catalogue entry: a string with `{name}` placeholders, or a function for plurals and other grammar. */
export type Entry = string | ((params: Record<string, string | number>) => string);

export type Section<K extends string> = Record<Locale, Record<K, Entry>>;

/**
 * English fixes the keys of a section; French and Arabic must provide every one of them (checked by the compiler).
 * Arabic is optional only while the sections are being translated.
 */
export function defineSection<K extends string>(
  en: Record<K, Entry>,
  fr: Record<NoInfer<K>, Entry>,
  ar?: Record<NoInfer<K>, Entry>,
): { en: Record<K, Entry>; fr: Record<K, Entry>; ar?: Record<K, Entry> } {
  return ar ? { en, fr, ar } : { en, fr };
}
