/** The six Arabic plural forms (CLDR): "one post", "two posts", "3–10 posts", "11–99 posts", "100 posts". */
export interface ArabicForms {
  /** 0; defaults to `other` (Arabic says "0 منشور", like 100). */
  zero?: string;
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
}

const RULES = new Intl.PluralRules('ar');

/** The form for `count`, with `{n}` replaced by `shown` (the number as displayed; `count` by default). */
export function arabicPlural(count: unknown, forms: ArabicForms, shown: string | number = String(count)): string {
  const n = Number(count);
  const category = Number.isFinite(n) ? RULES.select(n) : 'other';
  const form = category === 'zero' ? (forms.zero ?? forms.other) : forms[category as keyof ArabicForms]!;
  return form.replace(/\{n\}/g, String(shown));
}
