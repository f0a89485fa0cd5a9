/** A catalogue entry: a string with `{name}` placeholders, or a function for plurals and other grammar. */
export type Entry = string | ((params: Record<string, string | number>) => string);

export interface Section<K extends string> {
  en: Record<K, Entry>;
  fr: Record<K, Entry>;
  ar: Record<K, Entry>;
}

/** English fixes the keys of a section; French and Arabic must provide every one of them (checked by the compiler). */
export function defineSection<K extends string>(en: Record<K, Entry>, fr: Record<NoInfer<K>, Entry>, ar: Record<NoInfer<K>, Entry>): Section<K> {
  return { en, fr, ar };
}
