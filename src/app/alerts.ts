import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { IncidentEvent } from './detection.js';

export type OutboxKind = 'open' | 'update' | 'resolve' | 'state' | 'escalate' | 'suggestions' | 'chart';

export interface AlertQueueDeps {
  store: Store;
  newId(): string;
  releaseAt(plan: Plan, now: number, incident: Incident): number;
  /** Whether a chart can be rendered (a platform may skip it). */
  charts: boolean;
  logger: Logger;
}

/**
 * Turns incident events into messages waiting in the store's outbox. Only live events alert; an incident found
 * in past history is recorded silently, unless it is still spiking when the history reaches now.
 */
export function createAlertQueue(deps: AlertQueueDeps) {
  const { store } = deps;

  const enqueue = async (plan: Plan, incident: Incident, kind: OutboxKind, now: number, payload: Record<string, unknown> = {}, dueAt = now): Promise<void> => {
    await store.outbox.add({
      id: deps.newId(),
      incidentId: incident.id,
      planId: plan.id,
      platform: plan.destination.platform,
      kind,
      payload,
      createdAt: now,
      dueAt,
      attempts: 0,
    });
  };

  const openThread = async (plan: Plan, incident: Incident, now: number): Promise<void> => {
    const dueAt = deps.releaseAt(plan, now, incident);
    await enqueue(plan, incident, 'open', now, {}, dueAt);
    await enqueue(plan, incident, 'suggestions', now, {}, dueAt);
    if (deps.charts) await enqueue(plan, incident, 'chart', now, {}, dueAt);
    await store.incidents.save({ ...incident, alertedAt: now });
    deps.logger.info('incident alert queued', { planId: plan.id, incidentId: incident.id, stage: incident.stage, severity: incident.severity.score });
  };

  return {
    enqueue,
    async onEvents(plan: Plan, incident: Incident, events: IncidentEvent[], live: boolean, now: number): Promise<void> {
      for (const event of events) {
        if (event.historical || !live) {
          deps.logger.info('incident found in past history, not alerted', { planId: plan.id, incidentId: incident.id, event: event.type });
          continue;
        }
        const current = (await store.incidents.get(incident.id)) ?? incident;
        if (current.alertedAt === undefined) {
          if (event.type !== 'resolved') await openThread(plan, current, now);
          continue;
        }
        const dueAt = deps.releaseAt(plan, now, current);
        if (event.type === 'updated') {
          await enqueue(plan, current, 'update', now, event.previous ? { previous: event.previous } : {}, dueAt);
          await enqueue(plan, current, 'state', now, {}, dueAt);
        } else if (event.type === 'resolved') {
          await enqueue(plan, current, 'resolve', now, {}, dueAt);
        } else {
          await openThread(plan, current, now);
        }
      }
    },
    /** An incident opened in history and still spiking when the replay reaches now is alerted once. */
    async catchUp(plan: Plan, incident: Incident, now: number): Promise<void> {
      if (incident.alertedAt === undefined && incident.status === 'open') await openThread(plan, incident, now);
    },
  };
}
export type AlertQueue = ReturnType<typeof createAlertQueue>;
