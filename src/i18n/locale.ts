import { z } from 'zod';

/** The languages of the message catalogue: a plan's alerts, replies and drafts are in one of them. */
export const LocaleSchema = z.enum(['en', 'fr', 'ar']);
export type Locale = z.infer<typeof LocaleSchema>;

/** Locales written right to left: their messages carry bidi controls (see bidi.ts), their cards `rtl: true`. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar';
}

/**
 * The Intl locale Arabic numbers and dates are formatted with: `ar-MA` with Latin digits. The seed team is Moroccan;
 * Morocco writes 0–9 (not ٠–٩) and reads the Maghreb month names (يناير … دجنبر); ids, counts and times then look
 * the same in Arabic, French and English messages and in the query language.
 */
export const ARABIC_INTL_LOCALE = 'ar-MA-u-nu-latn';
