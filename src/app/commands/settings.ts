import { SETTABLE_FIELDS, type SettableField, setField, touched } from '../../core/commands/plan-edits.js';
import type { Handler } from './handler.js';
import { ok, refuse } from './kit.js';

const isSettable = (field: string): field is SettableField => (SETTABLE_FIELDS as readonly string[]).includes(field);

export const set: Handler<'set'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  if (!isSettable(command.field)) return refuse({ key: 'cmd.error.set_field', params: { field: command.field } });
  const edit = setField(plan, command.field, command.value, { timeZone: kit.deps.timeZone });
  if (!edit.ok) return refuse({ key: 'cmd.error.set_value', params: { field: command.field, value: command.value, expected: edit.expected } });
  await kit.savePlan(touched(edit.plan, ctx.user, kit.now));
  return ok({ key: 'cmd.set.done', params: { plan: plan.name, field: command.field, value: edit.shown } });
};
