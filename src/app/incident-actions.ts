import type { AlertAction } from '../core/alert-view.js';
import type { CommandContext, Reply } from '../core/commands/types.js';
import { inScope } from '../core/plan.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { AlertQueue } from './alerts.js';
import { formatTime } from './format.js';

export const MUTE_MS = 2 * 3_600_000;

export interface IncidentActions {
  act(incidentId: string, action: AlertAction, ctx: CommandContext): Promise<Reply>;
}

/**
 * The four buttons of an alert. Every click is checked against the clicker's workspace first: a forged payload
 * naming another workspace's incident is refused as if the incident did not exist.
 */
export function createIncidentActions(deps: { store: Store; alerts: AlertQueue; now(): number; logger: Logger }): IncidentActions {
  const { store } = deps;
  return {
    async act(incidentId, action, ctx) {
      const incident = await store.incidents.get(incidentId);
      const plan = incident && (await store.plans.getById(incident.planId));
      if (!incident || !plan || !inScope(plan, ctx.scope)) {
        deps.logger.warn('alert action refused: incident not in this workspace', { incidentId, action, workspace: ctx.scope.workspace, user: ctx.user });
        return { ok: false, lines: [{ key: 'cmd.error.incident_not_found' }] };
      }
      const now = deps.now();
      const actor = { by: ctx.user, at: now };
      return store.withPlanLock(plan.id, async () => {
        const current = (await store.incidents.get(incidentId)) ?? incident;
        const done = { acknowledge: current.acknowledged, escalate: current.escalated, not_crisis: current.falsePositive, mute: undefined }[action];
        if (done) return { ok: true, lines: [{ key: 'cmd.action.already', params: { user: done.by, at: formatTime(done.at) } }] };
        await store.feedback.add({
          planId: plan.id,
          incidentId,
          kind: action,
          by: ctx.user,
          at: now,
          ...(action === 'not_crisis' ? { observed: current.peak.negative, expected: current.peak.expected } : {}),
        });
        switch (action) {
          case 'acknowledge': {
            await store.incidents.save({ ...current, acknowledged: actor });
            await deps.alerts.enqueue(plan, current, 'state', now);
            return { ok: true, lines: [{ key: 'cmd.action.acknowledge', params: { user: ctx.user } }] };
          }
          case 'escalate': {
            await store.incidents.save({ ...current, escalated: actor });
            await deps.alerts.enqueue(plan, current, 'escalate', now, { by: ctx.user });
            await deps.alerts.enqueue(plan, current, 'state', now);
            return { ok: true, lines: [{ key: 'cmd.action.escalate', params: { user: ctx.user } }] };
          }
          case 'mute': {
            const until = now + MUTE_MS;
            await store.incidents.save({ ...current, muted: { ...actor, until } });
            await deps.alerts.enqueue(plan, current, 'state', now);
            return { ok: true, lines: [{ key: 'cmd.action.mute', params: { until: formatTime(until) } }] };
          }
          case 'not_crisis': {
            await store.incidents.save({ ...current, falsePositive: actor, status: 'resolved', resolvedAt: now });
            await deps.alerts.enqueue(plan, current, 'state', now);
            return { ok: true, lines: [{ key: 'cmd.action.not_crisis', params: { plan: plan.name } }] };
          }
        }
      });
    },
  };
}
