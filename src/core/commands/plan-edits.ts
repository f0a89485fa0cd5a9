import { describeDigest, parseDigest } from '../digest/schedule.js';
import { PLAN_SCHEMA_VERSION, QuietHoursSchema, SensitivitySchema } from '../plan.js';
import { canonicalTimeZone, planTimeZone } from '../time-zone.js';
import { formatDuration, parseDuration } from '../duration.js';
import { SeverityLevelSchema } from '../incident/incident.js';
import { LocaleSchema } from '../../i18n/locale.js';
import { isKnownLanguage, KNOWN_LANGUAGES } from '../languages.js';
import type { ReplyLine } from './types.js';
import type { Destination, Plan, QuietHours, Scope, SourceSpec } from '../plan.js';
import type { Locale } from '../../i18n/locale.js';

/** A query-language problem, as data: its code, where, what was expected, what was found. */
export interface QueryProblem {
  code: string;
  position: number;
  expected: string[];
  found?: string;
  limit?: number;
}

export type QueryValidator = (query: string) => QueryProblem | undefined;

export function newPlan(input: {
  id: string;
  name: string;
  brand: string;
  scope: Scope;
  destination: Destination;
  locale: Locale;
  by: string;
  at: number;
}): Plan {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: input.id,
    name: input.name,
    scope: input.scope,
    what: { brand: input.brand },
    sources: [],
    languages: [],
    locale: input.locale,
    sensitivity: 'normal',
    destination: input.destination,
    escalation: [],
    status: 'active',
    created: { by: input.by, at: input.at },
    updated: { by: input.by, at: input.at },
  };
}

export function touched(plan: Plan, by: string, at: number): Plan {
  return { ...plan, updated: { by, at } };
}

/** `add`: the terms become alternatives of the brand query. */
export function withAddedTerms(query: string, terms: string[]): string {
  return `(${query}) OR ${terms.join(' OR ')}`;
}

/** `exclude`: each term becomes an exclusion of the brand query. */
export function withExcludedTerms(query: string, terms: string[]): string {
  const exclusions = terms.map((t) => (t.startsWith('-') ? t : `-${t}`));
  return `(${query}) ${exclusions.join(' ')}`;
}

export function sameSource(a: SourceSpec, b: SourceSpec): boolean {
  return a.kind === b.kind && (a.arg ?? '') === (b.arg ?? '');
}

export function describeSource(spec: SourceSpec): string {
  return spec.arg ? `${spec.kind} ${spec.arg}` : spec.kind;
}

export const SETTABLE_FIELDS = [
  'sensitivity',
  'languages',
  'locale',
  'escalation',
  'quiet',
  'channel',
  'timezone',
  'competitor-alerts',
  'remind',
  'digest',
] as const;
export type SettableField = (typeof SETTABLE_FIELDS)[number];

/**
 * A field set, with what it shows and what it was (for a reply that says what changed); or the valid values, as a
 * catalogue line, when the value is refused.
 */
export type FieldEdit = { ok: true; plan: Plan; shown: string } | { ok: false; expected: ReplyLine };

/** Slack writes users as `<@U123|name>` and channels as `<#C123|name>`: keep the ids. */
export function platformIds(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((v) => v.replace(/^<[@#!]?([^|>]+)(\|[^>]*)?>$/, '$1').replace(/^@/, ''))
    .filter((v) => v.length > 0);
}

/** The languages of `set <plan> languages`: known codes, or `all` (an empty list); undefined when one is unknown. */
export function parseLanguages(value: string): string[] | undefined {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'all' || trimmed === 'toutes' || trimmed === '*') return [];
  const codes = trimmed.split(/[\s,]+/).filter(Boolean);
  return codes.length > 0 && codes.every(isKnownLanguage) ? [...new Set(codes)] : undefined;
}

/** The valid languages, naming the codes of `value` that are not among them. */
export function languagesExpected(value: string): ReplyLine {
  const codes = value
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const unknown = codes.filter((c) => !isKnownLanguage(c)).join(', ') || value.trim();
  return { key: 'cmd.expected.languages', params: { unknown, languages: KNOWN_LANGUAGES.join(', ') } };
}

/** `22:00-07:00 Africa/Casablanca`, or `22:00-07:00` in `defaultZone` (the plan's); `off` clears. */
export function parseQuietHours(value: string, defaultZone = 'UTC'): QuietHours | null | undefined {
  const trimmed = value.trim();
  if (/^(off|none|aucune?)$/i.test(trimmed)) return null;
  const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})(?:\s+(\S+))?$/.exec(trimmed);
  if (!match) return undefined;
  const pad = (t: string) => t.padStart(5, '0');
  const candidate = { start: pad(match[1]!), end: pad(match[2]!), timeZone: match[3] ?? defaultZone };
  const zone = canonicalTimeZone(candidate.timeZone);
  if (!QuietHoursSchema.safeParse(candidate).success || zone === undefined) return undefined;
  return { ...candidate, timeZone: zone };
}

/** What `set` needs to know beyond the plan: the workspace's default zone (`VIGIE_TIMEZONE`). */
export interface SetDefaults {
  timeZone: string;
}

/** `set <plan> <field> <value>`. */
export function setField(plan: Plan, field: SettableField, value: string, defaults: SetDefaults = { timeZone: 'UTC' }): FieldEdit {
  switch (field) {
    case 'sensitivity': {
      const parsed = SensitivitySchema.safeParse(value.trim().toLowerCase());
      return parsed.success
        ? { ok: true, plan: { ...plan, sensitivity: parsed.data }, shown: parsed.data }
        : { ok: false, expected: { key: 'cmd.expected.sensitivity' } };
    }
    case 'locale': {
      const parsed = LocaleSchema.safeParse(value.trim().toLowerCase());
      return parsed.success
        ? { ok: true, plan: { ...plan, locale: parsed.data }, shown: parsed.data }
        : { ok: false, expected: { key: 'cmd.expected.locale', params: { locales: LocaleSchema.options.join(', ') } } };
    }
    case 'languages': {
      const languages = parseLanguages(value);
      return languages
        ? { ok: true, plan: { ...plan, languages }, shown: languages.length > 0 ? languages.join(', ') : 'all' }
        : {
            ok: false,
            expected: languagesExpected(value),
          };
    }
    case 'escalation': {
      const ids = /^(none|aucun)$/i.test(value.trim()) ? [] : platformIds(value);
      return { ok: true, plan: { ...plan, escalation: ids }, shown: ids.length > 0 ? ids.join(', ') : 'none' };
    }
    case 'quiet': {
      const quiet = parseQuietHours(value, planTimeZone(plan, defaults.timeZone));
      if (quiet === undefined) return { ok: false, expected: { key: 'cmd.expected.quiet' } };
      if (quiet === null) {
        const { quietHours: _cleared, ...rest } = plan;
        return { ok: true, plan: rest, shown: 'off' };
      }
      return { ok: true, plan: { ...plan, quietHours: quiet }, shown: `${quiet.start}-${quiet.end} ${quiet.timeZone}` };
    }
    case 'digest': {
      const digest = parseDigest(value);
      if (digest === undefined) return { ok: false, expected: { key: 'cmd.expected.digest' } };
      if (digest === null) {
        const { digest: _cleared, ...rest } = plan;
        return { ok: true, plan: rest, shown: 'off' };
      }
      return { ok: true, plan: { ...plan, digest }, shown: describeDigest(digest) };
    }
    case 'channel': {
      const [channel] = platformIds(value);
      return channel
        ? { ok: true, plan: { ...plan, destination: { ...plan.destination, channel } }, shown: channel }
        : { ok: false, expected: { key: 'cmd.expected.channel' } };
    }
    case 'timezone':
      return setTimeZone(plan, value, defaults.timeZone);
    case 'competitor-alerts': {
      const on = /^(on|yes|oui|true|1)$/i.test(value.trim());
      const off = /^(off|no|non|false|0)$/i.test(value.trim());
      if (!on && !off) return { ok: false, expected: { key: 'cmd.expected.onoff' } };
      const { competitorAlerts: _previous, ...rest } = plan;
      return { ok: true, plan: on ? { ...rest, competitorAlerts: true } : rest, shown: on ? 'on' : 'off' };
    }
    case 'remind':
      return setRemind(plan, value);
  }
}

/** `15m` (high and critical alerts), `30m medium`, `1h critical`; `off` stops reminders. */
function setRemind(plan: Plan, value: string): FieldEdit {
  const [delay = '', level = 'high', ...extra] = value.trim().toLowerCase().split(/\s+/);
  const { remind: _previous, ...rest } = plan;
  if (/^(off|none|aucun)$/.test(delay) && extra.length === 0) return { ok: true, plan: rest, shown: 'off' };
  const afterMs = parseDuration(delay);
  const severity = SeverityLevelSchema.safeParse(level);
  if (afterMs === undefined || afterMs < 60_000 || afterMs > 86_400_000 || !severity.success || extra.length > 0)
    return { ok: false, expected: { key: 'cmd.expected.remind' } };
  return { ok: true, plan: { ...rest, remind: { afterMs, severity: severity.data } }, shown: `${formatDuration(afterMs)} ${severity.data}` };
}

/**
 * `set <plan> timezone Africa/Casablanca`, checked against the IANA database; `default` goes back to the workspace's.
 * Quiet hours that were in the plan's previous zone follow it: "22:00-07:00" stays the team's night.
 */
function setTimeZone(plan: Plan, value: string, fallback: string): FieldEdit {
  const trimmed = value.trim();
  const previous = planTimeZone(plan, fallback);
  const isDefault = /^(default|défaut|defaut)$/i.test(trimmed);
  const zone = isDefault ? fallback : canonicalTimeZone(trimmed);
  if (zone === undefined) return { ok: false, expected: { key: 'cmd.expected.timezone' } };
  const { timeZone: _previous, ...rest } = plan;
  const next: Plan = isDefault ? rest : { ...rest, timeZone: zone };
  if (plan.quietHours && plan.quietHours.timeZone === previous) next.quietHours = { ...plan.quietHours, timeZone: zone };
  return { ok: true, plan: next, shown: zone };
}
