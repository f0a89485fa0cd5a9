import type { Locale } from './locale.js';
import type { Entry } from './section.js';
import { alerts } from './sections/alerts.js';
import { commands } from './sections/commands.js';
import { respond } from './sections/respond.js';
import { slack } from './sections/slack.js';
import { sources } from './sections/sources.js';
import { teams } from './sections/teams.js';
import { query } from './sections/query.js';
import { cli } from './sections/cli.js';
import { security } from './sections/security.js';
import { lock } from './sections/lock.js';

/**
 * The one message catalogue: every word a user reads comes from here, in English and French.
 * Sections only split the file by area; keys are global and must not collide (checked in test/i18n).
 */
const SECTIONS = [commands, alerts, respond, slack, teams, sources, query, cli, security, lock] as const;

type KeysOf<S> = S extends { en: Record<infer K, Entry> } ? K : never;
export type MessageKey = KeysOf<(typeof SECTIONS)[number]>;
/** A message inside a message: rendered in the same language before it is put in its place. */
export interface Nested {
  key: MessageKey;
  params?: Params;
}
export type ParamValue = string | number | Nested | Nested[];
export type Params = Record<string, ParamValue>;

const TABLE: Record<Locale, Record<string, Entry>> = { en: {}, fr: {} };
for (const section of SECTIONS) {
  Object.assign(TABLE.en, section.en);
  Object.assign(TABLE.fr, section.fr);
}

export function sectionKeys(): string[][] {
  return SECTIONS.map((s) => Object.keys(s.en));
}

const LIST_SEPARATOR: Record<Locale, string> = { en: ', ', fr: ', ' };
const LAST_SEPARATOR: Record<Locale, string> = { en: ' or ', fr: ' ou ' };

function flat(locale: Locale, value: ParamValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (!Array.isArray(value)) return t(locale, value.key, value.params);
  const words = value.map((v) => t(locale, v.key, v.params));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(LIST_SEPARATOR[locale])}${LAST_SEPARATOR[locale]}${words.at(-1)}`;
}

/** Render one message. A missing placeholder value is left visible as `{name}` rather than silently dropped. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const entry = TABLE[locale][key] ?? TABLE.en[key];
  if (entry === undefined) return key;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) values[name] = flat(locale, value);
  if (typeof entry === 'function') return entry(values);
  return entry.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translator bound to one locale, for renderers. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
