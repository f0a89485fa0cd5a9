import { dueReminders } from '../core/incident/reminders.js';
import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export interface RemindersDeps {
  store: Store;
  /** When an alert of this incident may go out at `at` (quiet hours; critical at once). */
  releaseAt(plan: Plan, at: number, incident: Incident): number;
  now(): number;
  logger: Logger;
}

/**
 * Queues the reminder steps that fell due (`core/incident/reminders.ts`). Every instance runs it; the outbox item ids
 * are the steps' own, so a step is queued once whichever instance sees it first, and not again after a restart.
 * Whether the alert was answered meanwhile is checked again when the message is built.
 */
export function createReminders(deps: RemindersDeps) {
  const { store, logger } = deps;
  return {
    async check(): Promise<number> {
      const now = deps.now();
      let queued = 0;
      for (const plan of await store.plans.listActive()) {
        if (!plan.remind) continue;
        const incident = await store.incidents.open(plan.id);
        if (incident?.alertedAt === undefined) continue;
        const shownAt = Math.max(incident.alertedAt, deps.releaseAt(plan, incident.alertedAt, incident));
        for (const step of dueReminders(plan, incident, shownAt, now)) {
          const added = await store.outbox.addOnce({
            id: step.id,
            incidentId: incident.id,
            planId: plan.id,
            platform: plan.destination.platform,
            kind: step.kind,
            payload: { step: step.step, afterMs: step.afterMs, ...(step.user ? { user: step.user } : {}) },
            createdAt: now,
            dueAt: deps.releaseAt(plan, now, incident),
            attempts: 0,
          });
          if (added) {
            queued += 1;
            logger.info('reminder queued', { planId: plan.id, incidentId: incident.id, step: step.step, kind: step.kind });
          }
        }
      }
      return queued;
    },
  };
}
export type Reminders = ReturnType<typeof createReminders>;
