import { PLAN_SCHEMA_VERSION, QuietHoursSchema, SensitivitySchema } from '../plan.js';
import { LocaleSchema } from '../../i18n/locale.js';
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

export const SETTABLE_FIELDS = ['sensitivity', 'languages', 'locale', 'escalation', 'quiet', 'channel'] as const;
export type SettableField = (typeof SETTABLE_FIELDS)[number];

export type FieldEdit = { ok: true; plan: Plan; shown: string } | { ok: false; expected: string };

/** Slack writes users as `<@U123|name>` and channels as `<#C123|name>`: keep the ids. */
export function platformIds(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((v) => v.replace(/^<[@#!]?([^|>]+)(\|[^>]*)?>$/, '$1').replace(/^@/, ''))
    .filter((v) => v.length > 0);
}

export function parseLanguages(value: string): string[] | undefined {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'all' || trimmed === 'toutes' || trimmed === '*') return [];
  const codes = trimmed.split(/[\s,]+/).filter(Boolean);
  return codes.length > 0 && codes.every((c) => /^[a-z]{2,3}$/.test(c)) ? [...new Set(codes)] : undefined;
}

/** `22:00-07:00 Africa/Casablanca`; `off` clears. */
export function parseQuietHours(value: string): QuietHours | null | undefined {
  const trimmed = value.trim();
  if (/^(off|none|aucune?)$/i.test(trimmed)) return null;
  const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})(?:\s+(\S+))?$/.exec(trimmed);
  if (!match) return undefined;
  const pad = (t: string) => t.padStart(5, '0');
  const candidate = { start: pad(match[1]!), end: pad(match[2]!), timeZone: match[3] ?? 'UTC' };
  if (!QuietHoursSchema.safeParse(candidate).success || !isTimeZone(candidate.timeZone)) return undefined;
  return candidate;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `set <plan> <field> <value>`. */
export function setField(plan: Plan, field: SettableField, value: string): FieldEdit {
  switch (field) {
    case 'sensitivity': {
      const parsed = SensitivitySchema.safeParse(value.trim().toLowerCase());
      return parsed.success
        ? { ok: true, plan: { ...plan, sensitivity: parsed.data }, shown: parsed.data }
        : { ok: false, expected: 'low, normal or high' };
    }
    case 'locale': {
      const parsed = LocaleSchema.safeParse(value.trim().toLowerCase());
      return parsed.success ? { ok: true, plan: { ...plan, locale: parsed.data }, shown: parsed.data } : { ok: false, expected: 'en, fr or ar' };
    }
    case 'languages': {
      const languages = parseLanguages(value);
      return languages
        ? { ok: true, plan: { ...plan, languages }, shown: languages.length > 0 ? languages.join(', ') : 'all' }
        : { ok: false, expected: 'ISO 639-1 codes separated by commas (e.g. fr,en,ar) or "all"' };
    }
    case 'escalation': {
      const ids = /^(none|aucun)$/i.test(value.trim()) ? [] : platformIds(value);
      return { ok: true, plan: { ...plan, escalation: ids }, shown: ids.length > 0 ? ids.join(', ') : 'none' };
    }
    case 'quiet': {
      const quiet = parseQuietHours(value);
      if (quiet === undefined) return { ok: false, expected: 'HH:MM-HH:MM and an IANA time zone (e.g. 22:00-07:00 Africa/Casablanca), or "off"' };
      if (quiet === null) {
        const { quietHours: _cleared, ...rest } = plan;
        return { ok: true, plan: rest, shown: 'off' };
      }
      return { ok: true, plan: { ...plan, quietHours: quiet }, shown: `${quiet.start}-${quiet.end} ${quiet.timeZone}` };
    }
    case 'channel': {
      const [channel] = platformIds(value);
      return channel
        ? { ok: true, plan: { ...plan, destination: { ...plan.destination, channel } }, shown: channel }
        : { ok: false, expected: 'a channel' };
    }
  }
}
