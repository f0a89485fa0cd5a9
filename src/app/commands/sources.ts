import { describeSource, sameSource, touched } from '../../core/commands/plan-edits.js';
import { SourceKindSchema } from '../../core/mention.js';
import type { SourceSpec } from '../../core/plan.js';
import { sourceKey } from '../../core/source-state.js';
import { statusLines } from '../status.js';
import type { Handler } from './handler.js';
import { ok, refuse } from './kit.js';

/** Add or remove one place to listen; removing it also forgets its cursor and health. */
export const editSources: Handler<'source' | 'unsource'> = async (command, ctx, kit) => {
  const { deps, now } = kit;
  const plan = await kit.findPlan(ctx, command.plan);
  const kind = SourceKindSchema.safeParse(command.kind);
  if (!kind.success) return refuse({ key: 'cmd.error.unknown_kind', params: { kind: command.kind, kinds: deps.sources.kinds().join(', ') } });
  const checked = deps.sources.checkArg(kind.data, command.arg);
  if (!checked.ok) return refuse({ key: 'cmd.error.source_arg', params: { kind: kind.data, arg: command.arg ?? '', reason: checked.reason } });
  const spec: SourceSpec = checked.arg ? { kind: kind.data, arg: checked.arg } : { kind: kind.data };
  const present = plan.sources.some((s) => sameSource(s, spec));
  if (command.name === 'source') {
    if (present) refuse({ key: 'cmd.error.source_exists', params: { plan: plan.name, source: describeSource(spec) } });
    await kit.savePlan(touched({ ...plan, sources: [...plan.sources, spec] }, ctx.user, now));
    return ok({ key: 'cmd.source.added', params: { plan: plan.name, source: describeSource(spec) } }, ...kit.disabledNotes([spec]));
  }
  if (!present) refuse({ key: 'cmd.error.source_missing', params: { plan: plan.name, source: describeSource(spec) } });
  await kit.savePlan(touched({ ...plan, sources: plan.sources.filter((s) => !sameSource(s, spec)) }, ctx.user, now));
  await deps.store.sources.removeForPlan(plan.id, [sourceKey(plan.id, spec.kind, spec.arg)]);
  return ok({ key: 'cmd.source.removed', params: { plan: plan.name, source: describeSource(spec) } });
};

/** Poll a plan's sources now and show what matches, without alerting. */
export const test: Handler<'test'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  if (plan.sources.length === 0) return ok({ key: 'cmd.test.no_sources', params: { plan: plan.name } });
  const report = await kit.deps.probe(plan);
  return ok(...report.lines);
};

export const status: Handler<'status'> = async (_command, ctx, kit) => {
  const plans = await kit.deps.store.plans.list(ctx.scope);
  return ok(...statusLines(await kit.deps.status(plans)));
};
