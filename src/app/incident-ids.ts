import type { ReplyLine } from '../core/commands/types.js';
import type { Incident } from '../core/incident/incident.js';
import { inScope, type Plan, type Scope } from '../core/plan.js';
import type { Store } from '../store/store.js';

/** Alerts show the first 8 characters of an incident id; fewer than 6 would match too much to be typed safely. */
export const MIN_ID_PREFIX = 6;
/** How many matches an ambiguous prefix lists. */
const MAX_LISTED = 5;

export type IdResolution =
  | { kind: 'found'; incident: Incident; plan: Plan }
  | { kind: 'not_found' }
  | { kind: 'too_short' }
  | { kind: 'ambiguous'; matches: Array<{ id: string; plan: string }> };

/**
 * The incident a user means by what they typed: its full id, or any prefix of at least MIN_ID_PREFIX characters
 * that only one incident of their workspace has. Incidents of other workspaces are never matched nor named.
 */
export async function resolveIncidentId(store: Store, typed: string, scope: Scope): Promise<IdResolution> {
  const text = typed.trim().toLowerCase();
  const exact = await store.incidents.get(text);
  const exactPlan = exact && (await store.plans.getById(exact.planId));
  if (exact && exactPlan && inScope(exactPlan, scope)) return { kind: 'found', incident: exact, plan: exactPlan };
  if (text.length < MIN_ID_PREFIX) return { kind: 'too_short' };
  const candidates = await store.incidents.withPrefix(text, 50);
  const plans = new Map<string, Plan | undefined>();
  const mine: Array<{ incident: Incident; plan: Plan }> = [];
  for (const incident of candidates) {
    if (!plans.has(incident.planId)) plans.set(incident.planId, await store.plans.getById(incident.planId));
    const plan = plans.get(incident.planId);
    if (plan && inScope(plan, scope)) mine.push({ incident, plan });
  }
  const [only] = mine;
  if (!only) return { kind: 'not_found' };
  if (mine.length === 1) return { kind: 'found', ...only };
  return { kind: 'ambiguous', matches: mine.slice(0, MAX_LISTED).map(({ incident, plan }) => ({ id: incident.id, plan: plan.name })) };
}

/** The reply line for an id that named no single incident of the workspace. */
export function incidentIdError(resolution: Exclude<IdResolution, { kind: 'found' }>, typed: string): ReplyLine {
  switch (resolution.kind) {
    case 'not_found':
      return { key: 'cmd.error.incident_not_found' };
    case 'too_short':
      return { key: 'cmd.error.incident_prefix_short', params: { id: typed, min: MIN_ID_PREFIX } };
    case 'ambiguous':
      return {
        key: 'cmd.error.incident_ambiguous',
        params: { id: typed, matches: resolution.matches.map((m) => `${m.id} (${m.plan})`).join(', ') },
      };
  }
}
