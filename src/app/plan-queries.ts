import { compileQuery } from '../core/query/compile.js';
import type { CompiledQuery } from '../core/query/compile.js';
import { matches } from '../core/query/match.js';
import type { PreparedText } from '../core/query/prepare.js';
import { tryParseQuery } from '../core/query/parse.js';
import { QUERY_ROLES } from '../core/plan.js';
import type { Plan, QueryRole } from '../core/plan.js';
import type { QueryValidator } from '../core/commands/plan-edits.js';

interface CompiledPlan {
  version: number;
  queries: Array<[QueryRole, CompiledQuery]>;
}

/** Each plan's queries compiled once, and recompiled only when the plan changes. */
export function createPlanQueries() {
  const cache = new Map<string, CompiledPlan>();

  const compiled = (plan: Plan): CompiledPlan => {
    const hit = cache.get(plan.id);
    if (hit && hit.version === plan.updated.at) return hit;
    const queries: Array<[QueryRole, CompiledQuery]> = [];
    for (const role of QUERY_ROLES) {
      const source = plan.what[role];
      if (source) queries.push([role, compileQuery(source)]);
    }
    const entry = { version: plan.updated.at, queries };
    cache.set(plan.id, entry);
    return entry;
  };

  return {
    /** The roles (brand, news, competitors) whose query the mention matches. */
    rolesOf(plan: Plan, text: PreparedText): QueryRole[] {
      return compiled(plan)
        .queries.filter(([, query]) => matches(query, text))
        .map(([role]) => role);
    },
    forget(planId: string): void {
      cache.delete(planId);
    },
  };
}
export type PlanQueries = ReturnType<typeof createPlanQueries>;

export const validateQuery: QueryValidator = (query) => {
  const result = tryParseQuery(query);
  return result.ok ? undefined : result.error;
};
