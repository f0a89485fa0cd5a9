import { SETTABLE_FIELDS, type SettableField, setField, touched } from '../../core/commands/plan-edits.js';
import type { ReplyLine } from '../../core/commands/types.js';
import type { Plan } from '../../core/plan.js';
import type { Handler } from './handler.js';
import { ok, refuse } from './kit.js';

const isSettable = (field: string): field is SettableField => (SETTABLE_FIELDS as readonly string[]).includes(field);

/** `English (en)`, in the plan's language; a code the runtime cannot name stays a code. */
function languageNames(codes: string[], locale: Plan['locale']): string {
  const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
  return codes.map((code) => (names.of(code) ? `${names.of(code)} (${code})` : code)).join(', ');
}

/**
 * What a new list of languages changed: a plan that watched English and is set to `fr,ar` stops counting English
 * posts, which the reply must say rather than leave to be discovered when an English storm goes unnoticed.
 */
function languageChanges(before: Plan, after: Plan): ReplyLine[] {
  const all: ReplyLine = { key: 'cmd.set.languages_all' };
  const list = (codes: string[]): ReplyLine | string => (codes.length === 0 ? all : languageNames(codes, after.locale));
  const lines: ReplyLine[] = [
    { key: 'cmd.set.languages_changed', params: { plan: after.name, before: list(before.languages), after: list(after.languages) } },
  ];
  const added = after.languages.filter((c) => before.languages.length > 0 && !before.languages.includes(c));
  if (added.length > 0) lines.push({ key: 'cmd.set.languages_added', params: { languages: languageNames(added, after.locale) } });
  if (after.languages.length > 0) {
    const dropped = before.languages.length === 0 ? undefined : before.languages.filter((c) => !after.languages.includes(c));
    if (dropped === undefined) lines.push({ key: 'cmd.set.languages_dropped', params: { languages: { key: 'cmd.set.languages_others' } } });
    else if (dropped.length > 0) lines.push({ key: 'cmd.set.languages_dropped', params: { languages: languageNames(dropped, after.locale) } });
  }
  return lines;
}

export const set: Handler<'set'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  if (!isSettable(command.field)) return refuse({ key: 'cmd.error.set_field', params: { field: command.field } });
  const edit = setField(plan, command.field, command.value, { timeZone: kit.deps.timeZone });
  if (!edit.ok) return refuse({ key: 'cmd.error.set_value', params: { field: command.field, value: command.value, expected: edit.expected } });
  await kit.savePlan(touched(edit.plan, ctx.user, kit.now));
  if (command.field === 'languages') return ok(...languageChanges(plan, edit.plan));
  return ok({ key: 'cmd.set.done', params: { plan: plan.name, field: command.field, value: edit.shown } });
};
