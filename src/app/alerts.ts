import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { IncidentEvent } from './detection.js';

/** Updates remembered on an incident for its report's timeline. */
const MAX_UPDATES_KEPT = 50;

export type OutboxKind = 'open' | 'update' | 'resolve' | 'state' | 'escalate' | 'suggestions' | 'chart' | 'competitor' | 'remind' | 'remind_dm';

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

  const enqueue = async (
    plan: Plan,
    incident: Incident,
    kind: OutboxKind,
    now: number,
    payload: Record<string, unknown> = {},
    dueAt = now,
  ): Promise<void> => {
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

  /** Queue the parent and its first replies; returns the incident marked as alerted (the caller saves it). */
  const openThread = async (plan: Plan, incident: Incident, now: number): Promise<Incident> => {
    const dueAt = deps.releaseAt(plan, now, incident);
    await enqueue(plan, incident, 'open', now, {}, dueAt);
    await enqueue(plan, incident, 'suggestions', now, {}, dueAt);
    if (deps.charts) await enqueue(plan, incident, 'chart', now, {}, dueAt);
    deps.logger.info('incident alert queued', { planId: plan.id, incidentId: incident.id, stage: incident.stage, severity: incident.severity.score });
    return { ...incident, alertedAt: now };
  };

  return {
    enqueue,
    /** Queue what the events say; returns the incident to save (marked as alerted once its parent is queued). */
    async onEvents(plan: Plan, incident: Incident, events: IncidentEvent[], live: boolean, now: number): Promise<Incident> {
      let current = incident;
      for (const event of events) {
        if (event.historical || !live) {
          deps.logger.info('incident found in past history, not alerted', { planId: plan.id, incidentId: incident.id, event: event.type });
          continue;
        }
        if (current.alertedAt === undefined) {
          if (event.type !== 'resolved') current = await openThread(plan, current, now);
          continue;
        }
        const dueAt = deps.releaseAt(plan, now, current);
        if (event.type === 'updated') {
          const update = { at: now, stage: current.stage, severity: Math.round(current.severity.score), negative: current.counts.negative };
          current = { ...current, updates: [...(current.updates ?? []), update].slice(-MAX_UPDATES_KEPT) };
          await enqueue(plan, current, 'update', now, event.previous ? { previous: event.previous } : {}, dueAt);
          await enqueue(plan, current, 'state', now, {}, dueAt);
        } else if (event.type === 'resolved') {
          await enqueue(plan, current, 'resolve', now, {}, dueAt);
        }
      }
      return current;
    },
    /**
     * A competitor's own crisis, when the plan asks for it: one context message when it opens live (no thread of
     * updates: it is not the team's incident). Held by quiet hours whatever its severity: it is context, not an emergency.
     */
    async onCompetitorEvents(
      plan: Plan,
      competitor: string,
      incident: Incident,
      events: IncidentEvent[],
      live: boolean,
      now: number,
    ): Promise<Incident> {
      const opened = events.some((e) => e.type === 'opened' && !e.historical);
      if (!opened || !live || incident.alertedAt !== undefined) return incident;
      const held = {
        ...incident,
        severity: { ...incident.severity, level: incident.severity.level === 'critical' ? ('high' as const) : incident.severity.level },
      };
      await enqueue(plan, incident, 'competitor', now, { competitor }, deps.releaseAt(plan, now, held));
      deps.logger.info('competitor crisis queued as context', { planId: plan.id, incidentId: incident.id, competitor });
      return { ...incident, alertedAt: now };
    },
    /** An incident opened in history and still spiking when the replay reaches now is alerted once. */
    async catchUp(plan: Plan, incident: Incident, now: number): Promise<Incident> {
      return incident.alertedAt === undefined && incident.status === 'open' ? openThread(plan, incident, now) : incident;
    },
  };
}

/** What the pipeline needs from the alert queue; the backtest records instead of queueing. */
export interface AlertSink {
  onEvents(plan: Plan, incident: Incident, events: IncidentEvent[], live: boolean, now: number): Promise<Incident>;
  onCompetitorEvents(plan: Plan, competitor: string, incident: Incident, events: IncidentEvent[], live: boolean, now: number): Promise<Incident>;
  catchUp(plan: Plan, incident: Incident, now: number): Promise<Incident>;
}
export type AlertQueue = ReturnType<typeof createAlertQueue>;
