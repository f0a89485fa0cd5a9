import { competitorsOf } from '../core/competitors.js';
import { anchorsOf } from '../core/keywords.js';
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
  /** Each competitor of the competitor query, counted on its own (`core/competitors.ts`). */
  competitors: Array<{ name: string; queries: CompiledQuery[] }>;
  /** The brand query's @handles, #hashtags and "phrases" (`core/keywords.ts`): what marks a post as surely on topic. */
  anchors: CompiledQuery | undefined;
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
    const competitors = competitorsOf(plan.what.competitors).map((c) => ({ name: c.name, queries: c.queries.map((q) => compileQuery(q)) }));
    const anchors = anchorsOf(plan.what.brand);
    const entry = { version: plan.updated.at, queries, competitors, anchors: anchors ? compileQuery(anchors) : undefined };
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
    /** The competitors (by name) the mention is about. */
    competitorsIn(plan: Plan, text: PreparedText): string[] {
      return compiled(plan)
        .competitors.filter((c) => c.queries.some((q) => matches(q, text)))
        .map((c) => c.name);
    },
    /** Whether the mention carries one of the brand's anchors. */
    anchored(plan: Plan, text: PreparedText): boolean {
      const { anchors } = compiled(plan);
      return anchors !== undefined && matches(anchors, text);
    },
    /** The names of the plan's competitors, in the query's order. */
    competitorNames(plan: Plan): string[] {
      return compiled(plan).competitors.map((c) => c.name);
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
