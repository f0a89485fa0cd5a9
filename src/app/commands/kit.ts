import { describeSource } from '../../core/commands/plan-edits.js';
import { queryErrorLine } from '../../core/commands/plan-form.js';
import type { CommandContext, Reply, ReplyLine } from '../../core/commands/types.js';
import type { Plan, QueryRole, SourceSpec } from '../../core/plan.js';
import { StoreError } from '../../store/errors.js';
import type { CommandDeps } from './deps.js';

export const ok = (...lines: ReplyLine[]): Reply => ({ ok: true, lines });
export const fail = (...lines: ReplyLine[]): Reply => ({ ok: false, lines });

/** A refusal the user can act on, thrown from deep in a handler and answered with the command's usage. */
export class CommandFailure extends Error {
  constructor(readonly lines: ReplyLine[]) {
    super(lines[0]?.key ?? 'command failed');
    this.name = 'CommandFailure';
  }
}
export const refuse = (...lines: ReplyLine[]): never => {
  throw new CommandFailure(lines);
};

/** What several handlers do the same way: find a plan of this workspace, check a query, save a plan. */
export interface Kit {
  deps: CommandDeps;
  now: number;
  findPlan(ctx: CommandContext, name: string): Promise<Plan>;
  checkQuery(role: QueryRole, query: string): void;
  savePlan(plan: Plan): Promise<void>;
  sourceList(plan: Plan): string;
  /** Notes on kinds that stay off until a setting is added. */
  disabledNotes(specs: SourceSpec[]): ReplyLine[];
}

export function createKit(deps: CommandDeps, now: number): Kit {
  const { store } = deps;
  return {
    deps,
    now,
    async findPlan(ctx, name) {
      const plan = await store.plans.get(ctx.scope, name);
      return plan ?? refuse({ key: 'cmd.error.plan_not_found', params: { plan: name } });
    },
    checkQuery(role, query) {
      const problem = deps.validateQuery(query);
      if (problem) refuse(queryErrorLine(role, query, problem));
    },
    async savePlan(plan) {
      try {
        await store.plans.save(plan);
      } catch (error) {
        if (error instanceof StoreError && error.code === 'duplicate_name') refuse({ key: 'cmd.error.plan_exists', params: { plan: plan.name } });
        throw error;
      }
      deps.plansChanged(plan.id);
    },
    sourceList: (plan) => plan.sources.map(describeSource).join(', '),
    disabledNotes(specs) {
      const notes: ReplyLine[] = [];
      for (const kind of new Set(specs.map((s) => s.kind))) {
        const missing = deps.sources.missingSettings(kind);
        if (missing.length > 0) notes.push({ key: 'cmd.source.disabled', params: { kind, settings: missing.join(', ') } });
      }
      return notes;
    },
  };
}
