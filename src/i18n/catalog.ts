import { FSI, isBareUrl, isolate, PDI, rightToLeftLines } from './bidi.js';
import { isRightToLeft, type Locale } from './locale.js';
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
import { corrections } from './sections/corrections.js';
import { bounds } from './sections/bounds.js';
import { teamfit } from './sections/teamfit.js';
import { startup } from './sections/startup.js';
import { firsthour } from './sections/firsthour.js';
import { aliases } from './sections/aliases.js';
import { report } from './sections/report.js';
import { used } from './sections/used.js';

/**
 * The one message catalogue: every word a user reads comes from here, in English, French and Arabic.
 * Sections only split the file by area; keys are global and must not collide (checked in test/i18n).
 */
const SECTIONS = [
  commands,
  alerts,
  respond,
  slack,
  teams,
  sources,
  query,
  cli,
  security,
  lock,
  corrections,
  bounds,
  teamfit,
  startup,
  firsthour,
  aliases,
  report,
  used,
] as const;

type KeysOf<S> = S extends { en: Record<infer K, Entry> } ? K : never;
export type MessageKey = KeysOf<(typeof SECTIONS)[number]>;
/** A message inside a message: rendered in the same language before it is put in its place. */
export interface Nested {
  key: MessageKey;
  params?: Params;
}
export type ParamValue = string | number | Nested | Nested[];
export type Params = Record<string, ParamValue>;

const TABLE: Record<Locale, Record<string, Entry>> = { en: {}, fr: {}, ar: {} };
for (const section of SECTIONS) {
  Object.assign(TABLE.en, section.en);
  Object.assign(TABLE.fr, section.fr);
  Object.assign(TABLE.ar, section.ar);
}

export function sectionKeys(): string[][] {
  return SECTIONS.map((s) => Object.keys(s.en));
}

/** Every entry of every locale, for the catalogue's own tests (placeholders, untranslated text). */
export function catalogEntries(locale: Locale): Record<string, Entry> {
  return TABLE[locale];
}

const LIST_SEPARATOR: Record<Locale, string> = { en: ', ', fr: ', ', ar: '، ' };
const LAST_SEPARATOR: Record<Locale, string> = { en: ' or ', fr: ' ou ', ar: ' أو ' };
/** The separator of a list a renderer builds itself ("X, Reddit" / "X، Reddit"). */
export function listSeparator(locale: Locale): string {
  return LIST_SEPARATOR[locale];
}

/** "first → then": the arrow points the way the text is read, so it is ← in Arabic. */
export function sequenceArrow(locale: Locale): string {
  return isRightToLeft(locale) ? ' ← ' : ' → ';
}

const PLACEHOLDER = /\{(\w+)\}/g;
// Parts of a template that are syntax, not prose: a `code span`, a Slack mention, channel or date (`<@{user}>`,
// `<#{channel}>`, `<!date…>`), a Markdown link target (`]({url})`). Placeholders there stay bare.
const MARKUP = /(`[^`\n]*`|<[@#!][^>]*>|\]\([^)]*\))/;
// A left-to-right run of a right-to-left template: placeholders and Latin words, digits or symbols written tight
// together ("{score}/100", "{observed}%", "×{ratio}", "change.org"), which must stay in one piece and in order.
const ATOM = String.raw`(?:\{\w+\}|\.?[\w%×±=+#@-]+)`;
const RUN = new RegExp(`${ATOM}(?:[.:/]?${ATOM})*`, 'g');

function fill(template: string, values: Record<string, string | number>, wrap: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? wrap(String(values[name])) : whole));
}

const bare = (value: string): string => value;
// A bare URL is never put in an isolate: Slack, Teams and terminals would take the control character into the link.
const isolateValue = (value: string): string => (isBareUrl(value) ? value : isolate(value));

/** One left-to-right run: an isolate, so its direction and the order of its parts do not depend on the sentence. */
function isolateRun(run: string, values: Record<string, string | number>): string {
  const names = [...run.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (names.length === 0) return run.match(new RegExp(ATOM, 'g'))!.length > 1 ? isolate(run) : run;
  if (run === `{${names[0]}}` || names.some((name) => isBareUrl(String(values[name] ?? '')))) return fill(run, values, isolateValue);
  return isolate(fill(run, values, bare));
}

/**
 * A right-to-left message: each left-to-right run (a value, a number with its unit, an id) is an isolate; each
 * `code span` isolates its content (inside the backticks, so Slack and Markdown still see code; the command parser
 * strips the controls when such a command is copied back); Slack and Markdown syntax is left as it is.
 */
function fillRightToLeft(template: string, values: Record<string, string | number>): string {
  return template
    .split(MARKUP)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(RUN, (run) => isolateRun(run, values));
      if (!part.startsWith('`')) return fill(part, values, bare);
      const code = fill(part.slice(1, -1), values, bare);
      return code.startsWith(FSI) ? `\`${code}\`` : `\`${FSI}${code}${PDI}\``;
    })
    .join('');
}

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
  if (isRightToLeft(locale)) return rightToLeftLines(typeof entry === 'function' ? entry(values) : fillRightToLeft(entry, values));
  if (typeof entry === 'function') return entry(values);
  return fill(entry, values, bare);
}

/** The entry of every locale for one key (a locale without its own entry gives none): the words each language may type. */
export function everyLocale(key: MessageKey): string[] {
  return Object.values(TABLE).flatMap((table) => {
    const entry = table[key];
    return typeof entry === 'string' ? [entry] : [];
  });
}

/** A translator bound to one locale, for renderers. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
