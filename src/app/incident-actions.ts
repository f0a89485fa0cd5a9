import type { AlertAction } from '../core/alert-view.js';
import type { CommandContext, Reply } from '../core/commands/types.js';
import { planTimeZone } from '../core/time-zone.js';
import { applyFeedback, feedbackFor } from '../core/incident/feedback.js';
import type { DraftKind, Incident } from '../core/incident/incident.js';
import { draftText, markDraftUsed, numberOfDraft } from '../core/incident/used-drafts.js';
import type { Plan } from '../core/plan.js';
import type { Suggestion } from '../core/respond/types.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { AlertQueue } from './alerts.js';
import { formatTime } from './format.js';
import { incidentIdError, resolveIncidentId } from './incident-ids.js';

export interface IncidentActions {
  act(incidentId: string, action: AlertAction, ctx: CommandContext): Promise<Reply>;
  /**
   * Marks a suggested response as used. `shown` is the draft's text as the button showed it (a reworded draft);
   * without it (a typed `used`), the template draft of the incident is recorded.
   */
  useDraft(incidentId: string, kind: DraftKind, ctx: CommandContext, shown?: string): Promise<Reply>;
}

/**
 * The four buttons of an alert. Every click is checked against the clicker's workspace first: a forged payload
 * naming another workspace's incident is refused as if the incident did not exist. The click is stored as
 * feedback (what "Not a crisis" does to the detector is in `core/incident/feedback.ts`) and the parent message is
 * refreshed to show who did what.
 */
export function createIncidentActions(deps: {
  store: Store;
  alerts: AlertQueue;
  suggest(incident: Incident, plan: Plan): Promise<Suggestion>;
  now(): number;
  timeZone: string;
  logger: Logger;
}): IncidentActions {
  const { store } = deps;
  /** The incident the user means (full id or unique prefix) when its plan belongs to their workspace; else the refusal. */
  const findIncident = async (typed: string, ctx: CommandContext, what: string): Promise<{ incident: Incident; plan: Plan } | { refused: Reply }> => {
    const found = await resolveIncidentId(store, typed, ctx.scope);
    if (found.kind === 'found') return { incident: found.incident, plan: found.plan };
    deps.logger.warn('alert action refused: no incident of this workspace matches', {
      typed,
      action: what,
      outcome: found.kind,
      workspace: ctx.scope.workspace,
      user: ctx.user,
    });
    return { refused: { ok: false, lines: [incidentIdError(found, typed)] } };
  };
  return {
    async useDraft(typed, kind, ctx, shown) {
      const found = await findIncident(typed, ctx, `used ${kind}`);
      if ('refused' in found) return found.refused;
      const { plan } = found;
      const incidentId = found.incident.id;
      const zone = planTimeZone(plan, deps.timeZone);
      // The template is drafted outside the lock: it may read evidence, and the text is only what was on offer.
      const text = shown ?? draftText((await deps.suggest(found.incident, plan)).drafts, kind);
      const now = deps.now();
      return store.withPlanLock(plan.id, async () => {
        const current = (await store.incidents.get(incidentId)) ?? found.incident;
        const result = markDraftUsed(current, { kind, text, by: ctx.user, at: now });
        const draft = { key: `used.draft.${kind}` } as const;
        if (!result.marked)
          return { ok: true, lines: [{ key: 'used.already', params: { draft, user: result.already.by, at: formatTime(result.already.at, zone) } }] };
        await store.incidents.save(result.incident);
        deps.logger.info('suggested response marked as used', { planId: plan.id, incidentId, draft: kind, user: ctx.user });
        return { ok: true, lines: [{ key: 'used.recorded', params: { draft, n: numberOfDraft(kind), user: ctx.user } }] };
      });
    },
    async act(typed, action, ctx) {
      const found = await findIncident(typed, ctx, action);
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
