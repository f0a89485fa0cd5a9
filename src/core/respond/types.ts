import type { Channel, SourceKind } from '../mention.js';
import type { Locale } from '../../i18n/locale.js';

export const CATEGORY_IDS = [
  'outage_delay',
  'cancellation',
  'customer_service',
  'lost_damaged',
  'product_safety',
  'billing_pricing',
  'staff_conduct',
  'data_privacy',
  'ethics_discrimination',
  'boycott_petition',
  'rumour',
  'other',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** What decided a category: the cue phrases found, and in which posts. */
export interface Evidence {
  category: CategoryId;
  phrase: string;
  url?: string;
  excerpt: string;
}

export interface Categorization {
  /** Leading category of the negative mentions. */
  category: CategoryId;
  /** True when no category clearly leads: the breakdown is then the message. */
  mixed: boolean;
  breakdown: Array<{ category: CategoryId; count: number; share: number }>;
  evidence: Evidence[];
}

/** Drafts a comms lead approves and adapts; `[placeholders]` mark what a human must fill. */
export interface Drafts {
  holding: string;
  /** Reply to the first complainers, moving details to private messages. */
  reply: string;
  /** Internal brief for managers. */
  brief: string;
  checklist: { do: string[]; dont: string[] };
  /** One reply per first complainer, to post where each complaint was made (added for per-platform replies). */
  replies?: Array<{ url: string; author: string; sourceKind: SourceKind; channel: Channel; text: string }>;
}

export interface Suggestion {
  locale: Locale;
  categorization: Categorization;
  drafts: Drafts;
  /** Rewritten by the optional LLM and validated; false for the template drafts. */
  polished: boolean;
}
