import { PlanNameSchema } from '../plan.js';
import type { Destination, Plan, Scope, SourceSpec } from '../plan.js';
import type { Locale } from '../../i18n/locale.js';
import type { SourceKind } from '../mention.js';
import { languagesExpected, newPlan, parseLanguages } from './plan-edits.js';
import { canonicalTimeZone, planTimeZone } from '../time-zone.js';
import type { QueryProblem, QueryValidator } from './plan-edits.js';
import type { MessageKey, Nested, Params } from '../../i18n/catalog.js';
import type { PlanForm, PlanFormField, ReplyLine } from './types.js';

export interface PlanFormDeps {
  validateQuery: QueryValidator;
  /** Normalise a source argument, or return the reason it is refused. */
  checkSourceArg: (kind: SourceKind, arg: string | undefined) => { ok: true; arg: string | undefined } | { ok: false; reason: Nested };
}

export type FormCheck = { ok: true; plan: Plan } | { ok: false; errors: Partial<Record<PlanFormField, ReplyLine>> };

/** Kinds whose argument is a feed URL, taken from the form's feed field rather than from a checkbox. */
const FEED_KINDS: readonly SourceKind[] = ['rss', 'galerts'];

/** The form of a plan, to pre-fill the Slack modal or the Teams card. */
export function formOf(plan: Plan): PlanForm {
  const feeds = plan.sources.filter((s) => s.kind === 'rss' && s.arg).map((s) => s.arg!);
  return {
    name: plan.name,
    brand: plan.what.brand,
    ...(plan.what.news ? { news: plan.what.news } : {}),
    ...(plan.what.competitors ? { competitors: plan.what.competitors } : {}),
    kinds: [...new Set(plan.sources.filter((s) => !FEED_KINDS.includes(s.kind)).map((s) => s.kind))],
    ...(feeds.length > 0 ? { feeds: feeds.join('\n') } : {}),
    languages: plan.languages,
    locale: plan.locale,
    sensitivity: plan.sensitivity,
    channel: plan.destination.channel,
    escalation: plan.escalation,
    ...(plan.quietHours ? { quietStart: plan.quietHours.start, quietEnd: plan.quietHours.end } : {}),
    ...(plan.timeZone || plan.quietHours ? { timeZone: plan.timeZone ?? plan.quietHours?.timeZone } : {}),
  };
}

/**
 * Check a submitted form field by field and build the plan. Every problem is reported on its own field so
 * the platform can show it where it is, keeping what the user typed.
 */
export function checkPlanForm(
  form: PlanForm,
  context: {
    existing: Plan | undefined;
    scope: Scope;
    destination: Destination;
    locale: Locale;
    by: string;
    at: number;
    id: string;
    /** The workspace's zone (`VIGIE_TIMEZONE`) for quiet hours of a plan without one. */
    defaultTimeZone?: string;
  },
  deps: PlanFormDeps,
): FormCheck {
  const errors: Partial<Record<PlanFormField, ReplyLine>> = {};
  const name = form.name.trim();
  if (!PlanNameSchema.safeParse(name).success) errors.name = { key: 'cmd.error.plan_name', params: { plan: name } };

  const queries: Array<['brand' | 'news' | 'competitors', string | undefined]> = [
    ['brand', form.brand.trim()],
    ['news', form.news?.trim() || undefined],
    ['competitors', form.competitors?.trim() || undefined],
  ];
  for (const [role, query] of queries) {
    if (query === undefined) continue;
    if (query === '') {
      errors[role] = { key: 'cmd.error.missing_argument', params: { argument: role } };
      continue;
    }
    const problem = deps.validateQuery(query);
    if (problem) errors[role] = queryErrorLine(role, query, problem);
  }

  const sources: SourceSpec[] = [];
  for (const kind of form.kinds) {
    if (FEED_KINDS.includes(kind)) continue;
    const checked = deps.checkSourceArg(kind, undefined);
    if (checked.ok) sources.push(checked.arg ? { kind, arg: checked.arg } : { kind });
    else errors.kinds = { key: 'cmd.error.source_arg', params: { kind, arg: '', reason: checked.reason } };
  }
  for (const line of (form.feeds ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const checked = deps.checkSourceArg('rss', line);
    if (checked.ok) sources.push(checked.arg ? { kind: 'rss', arg: checked.arg } : { kind: 'rss' });
    else errors.feeds = { key: 'cmd.error.source_arg', params: { kind: 'rss', arg: line, reason: checked.reason } };
  }
  for (const kept of context.existing?.sources ?? []) {
    if (kept.kind === 'galerts') sources.push(kept);
  }

  const languages = parseLanguages(form.languages.join(',') || 'all');
  if (!languages)
    errors.languages = {
      key: 'cmd.error.set_value',
      params: { field: 'languages', value: form.languages.join(','), expected: languagesExpected(form.languages.join(',')) },
    };

  // The form's time zone is the plan's (alerts, replies, charts, drafts), and its quiet hours are read in it.
  const zoneText = form.timeZone?.trim() || undefined;
  const timeZone = zoneText === undefined ? undefined : canonicalTimeZone(zoneText);
  if (zoneText !== undefined && timeZone === undefined)
    errors.timeZone = {
      key: 'cmd.error.set_value',
      params: { field: 'timezone', value: zoneText, expected: { key: 'cmd.expected.timezone' } },
    };
  let quietHours: Plan['quietHours'];
  const hasQuiet = Boolean(form.quietStart || form.quietEnd);
  if (hasQuiet) {
    const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
    const zone =
      timeZone ?? (context.existing ? planTimeZone(context.existing, context.defaultTimeZone ?? 'UTC') : (context.defaultTimeZone ?? 'UTC'));
    if (!form.quietStart || !hhmm.test(form.quietStart))
      errors.quietStart = { key: 'cmd.error.set_value', params: { field: 'quiet', value: form.quietStart ?? '', expected: 'HH:MM' } };
    else if (!form.quietEnd || !hhmm.test(form.quietEnd))
      errors.quietEnd = { key: 'cmd.error.set_value', params: { field: 'quiet', value: form.quietEnd ?? '', expected: 'HH:MM' } };
    else if (zoneText === undefined || timeZone !== undefined) quietHours = { start: form.quietStart, end: form.quietEnd, timeZone: zone };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const base =
    context.existing ??
    newPlan({
      id: context.id,
      name,
      brand: form.brand.trim(),
      scope: context.scope,
      destination: context.destination,
      locale: context.locale,
      by: context.by,
      at: context.at,
    });
  const what: Plan['what'] = { brand: form.brand.trim() };
  if (form.news?.trim()) what.news = form.news.trim();
  if (form.competitors?.trim()) what.competitors = form.competitors.trim();
  const { quietHours: _previous, timeZone: _previousZone, ...rest } = base;
  const plan: Plan = {
    ...rest,
    name,
    what,
    sources,
    languages: languages ?? [],
    locale: form.locale ?? base.locale,
    sensitivity: form.sensitivity,
    destination: { ...base.destination, channel: form.channel?.trim() || base.destination.channel },
    escalation: form.escalation,
    ...(quietHours ? { quietHours } : {}),
    ...(timeZone ? { timeZone } : {}),
    updated: { by: context.by, at: context.at },
  };
  return { ok: true, plan };
}

/** The reply line of a query error: the query language's own message, the query, and a caret under the position. */
export function queryErrorLine(role: 'brand' | 'news' | 'competitors', query: string, problem: QueryProblem): ReplyLine {
  const detail: Params = {
    position: problem.position,
    expected: problem.expected.map((token) => ({ key: `query.expected.${token}` as MessageKey })),
  };
  if (problem.found !== undefined) detail.found = problem.found;
  if (problem.limit !== undefined) detail.limit = problem.limit;
  return {
    key: 'cmd.error.query',
    params: {
      role,
      detail: { key: `query.error.${problem.code}` as MessageKey, params: detail },
      query,
      pointer: `${' '.repeat(Math.max(0, problem.position - 1))}^`,
    },
  };
}
