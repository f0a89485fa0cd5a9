import { ARABIC_INTL_LOCALE, isRightToLeft, type Locale } from '../../i18n/locale.js';
import type { Translate } from '../../i18n/catalog.js';
import type { Attachment } from './port.js';

/** Adaptive Card JSON, loosely typed: the golden files and Teams' own validation are the schema checks. */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  /** 1.5 is what Teams documents for Universal Actions (`Action.Execute`); `rtl` is a 1.5 property too. */
  version: '1.5';
  /** Right to left (Arabic): the whole card is mirrored, text starts on the right. */
  rtl?: true;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A card in the reader's language: an Arabic one is laid out right to left (`rtl`). */
export function card(locale: Locale, body: CardElement[], actions?: CardElement[]): AdaptiveCard {
  const out: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(isRightToLeft(locale) ? { rtl: true as const } : {}),
    body,
    msteams: { width: 'Full' },
  };
  if (actions !== undefined && actions.length > 0) out.actions = actions;
  return out;
}

export function cardAttachment(content: AdaptiveCard): Attachment {
  return { contentType: CARD_CONTENT_TYPE, content };
}

export function text(value: string, options: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): CardElement {
  return text(value, { weight: 'Bolder', size: 'Medium', spacing: 'Medium' });
}

export function facts(pairs: Array<[string, string]>): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

/** A time Teams renders in each reader's own locale and time zone (Adaptive Cards DATE/TIME functions). */
export function when(epochMs: number): string {
  const iso = new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

export function duration(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  // "90 minutes" reads better than "2 hours"; whole hours and long spans read better in hours.
  if (minutes < 60 || (minutes < 180 && minutes % 60 !== 0)) return t('teams.duration.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('teams.duration.hours', { n: hours });
  return t('teams.duration.days', { n: Math.round(hours / 24) });
}

/** Numbers as a reader of `locale` writes them, with at most `digits` decimals. */
export function num(locale: Locale, value: number, digits = 1): string {
  return new Intl.NumberFormat(locale === 'ar' ? ARABIC_INTL_LOCALE : locale, { maximumFractionDigits: digits }).format(value);
}

/** Card text is Markdown: keep user content from opening links or emphasis of its own. */
export function plain(value: string, max = 280): string {
  const flat = value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\*_[\]`])/g, (c) => `\\${c}`);
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** A URL safe inside a Markdown link target. */
export function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}
