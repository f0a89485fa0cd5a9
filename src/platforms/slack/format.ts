import type { Translate } from '../../i18n/catalog.js';
import { ARABIC_INTL_LOCALE, type Locale } from '../../i18n/locale.js';

const NUMBER_LOCALE: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR', ar: ARABIC_INTL_LOCALE };

/** Whole numbers with grouping, others with at most `digits` decimals, in the reader's conventions. */
export function formatNumber(locale: Locale, value: number, digits = 1): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: digits }).format(value);
}

/** 1 234 567 → "1.2M" / "1,2 M": reach figures are read at a glance, not to the unit. */
export function formatCompact(locale: Locale, value: number): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatDuration(tr: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return tr('slack.duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tr('slack.duration.hours', { h: hours, m: minutes % 60 });
  return tr('slack.duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}
