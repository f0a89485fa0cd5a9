import type { AlertAction } from '../core/alert-view.js';
import type { CommandContext, Reply } from '../core/commands/types.js';
import { planTimeZone } from '../core/time-zone.js';
import { applyFeedback, feedbackFor } from '../core/incident/feedback.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { AlertQueue } from './alerts.js';
import { formatTime } from './format.js';
import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import { incidentIdError, resolveIncidentId } from './incident-ids.js';

export interface IncidentActions {
  act(incidentId: string, action: AlertAction, ctx: CommandContext): Promise<Reply>;
}

/**
 * The four buttons of an alert. Every click is checked against the clicker's workspace first: a forged payload
 * naming another workspace's incident is refused as if the incident did not exist. The click is stored as
 * feedback (what "Not a crisis" does to the detector is in `core/incident/feedback.ts`) and the parent message is
 * refreshed to show who did what.
 */
export function createIncidentActions(deps: { store: Store; alerts: AlertQueue; now(): number; timeZone: string; logger: Logger }): IncidentActions {
  const { store } = deps;
  const findIncident = async (typed: string, ctx: CommandContext): Promise<{ incident: Incident; plan: Plan } | { refused: Reply }> => {
    const found = await resolveIncidentId(store, typed, ctx.scope);
    if (found.kind === 'found') return { incident: found.incident, plan: found.plan };
    deps.logger.warn('alert action refused: no incident of this workspace matches', {
      typed,
      outcome: found.kind,
      workspace: ctx.scope.workspace,
      user: ctx.user,
    });
    return { refused: { ok: false, lines: [incidentIdError(found, typed)] } };
  };
  return {
    async act(typed, action, ctx) {
      const found = await findIncident(typed, ctx);
      if ('refused' in found) return found.refused;
      const { incident, plan } = found;
      const incidentId = incident.id;
      const now = deps.now();
      const zone = planTimeZone(plan, deps.timeZone);
      return store.withPlanLock(plan.id, async () => {
        const current = (await store.incidents.get(incidentId)) ?? incident;
        const done = { acknowledge: current.acknowledged, escalate: current.escalated, not_crisis: current.falsePositive, mute: undefined }[action];
        if (done) return { ok: true, lines: [{ key: 'cmd.action.already', params: { user: done.by, at: formatTime(done.at, zone) } }] };
        const feedback = feedbackFor(current, action, ctx.user, now);
        const updated = applyFeedback(current, feedback);
        await store.feedback.add(feedback);
        await store.incidents.save(updated);
        if (action === 'escalate') await deps.alerts.enqueue(plan, updated, 'escalate', now, { by: ctx.user });
        await deps.alerts.enqueue(plan, updated, 'state', now);
        deps.logger.info('alert action', { planId: plan.id, incidentId, action, user: ctx.user });
        switch (action) {
          case 'acknowledge':
            return { ok: true, lines: [{ key: 'cmd.action.acknowledge', params: { user: ctx.user } }] };
          case 'escalate':
            return { ok: true, lines: [{ key: 'cmd.action.escalate', params: { user: ctx.user } }] };
          case 'mute':
            return { ok: true, lines: [{ key: 'cmd.action.mute', params: { until: formatTime(updated.muted?.until ?? now, zone) } }] };
          case 'not_crisis':
            return { ok: true, lines: [{ key: 'cmd.action.not_crisis', params: { plan: plan.name } }] };
        }
      });
    },
  };
}
