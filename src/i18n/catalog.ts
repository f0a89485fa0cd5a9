import type { Locale } from '../core/plan.js';
import type { Entry } from './section.js';
import { alerts } from './sections/alerts.js';
import { commands } from './sections/commands.js';
import { respond } from './sections/respond.js';
import { slack } from './sections/slack.js';
import { sources } from './sections/sources.js';
import { teams } from './sections/teams.js';

/**
 * The one message catalogue: every word a user reads comes from here, in English and French.
 * Sections only split the file by area; keys are global and must not collide (checked in test/i18n).
 */
const SECTIONS = [commands, alerts, respond, slack, teams, sources] as const;

type KeysOf<S> = S extends { en: Record<infer K, Entry> } ? K : never;
export type MessageKey = KeysOf<(typeof SECTIONS)[number]>;
export type Params = Record<string, string | number>;

const TABLE: Record<Locale, Record<string, Entry>> = { en: {}, fr: {} };
for (const section of SECTIONS) {
  Object.assign(TABLE.en, section.en);
  Object.assign(TABLE.fr, section.fr);
}

export function sectionKeys(): string[][] {
  return SECTIONS.map((s) => Object.keys(s.en));
}

/** Render one message. A missing placeholder value is left visible as `{name}` rather than silently dropped. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const entry = TABLE[locale][key] ?? TABLE.en[key];
  if (entry === undefined) return key;
  if (typeof entry === 'function') return entry(params);
  return entry.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one locale, for renderers. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
