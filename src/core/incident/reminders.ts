import type { Plan } from '../plan.js';
import type { Incident, SeverityLevel } from './incident.js';

/**
 * Reminders that escalate. An alert at or above the plan's chosen severity that nobody acknowledged, muted or marked
 * "not a crisis" is reminded in its thread (the escalation list mentioned) `afterMs` after it was shown, then, after
 * as long again, sent as a direct message to each person on the list. Each step has an id derived from the incident
 * (and the person), so that queueing it is idempotent across instances and restarts.
 */

const LEVELS: readonly SeverityLevel[] = ['low', 'medium', 'high', 'critical'];

export interface ReminderStep {
  /** Outbox item id: one per incident, step and person. */
  id: string;
  kind: 'remind' | 'remind_dm';
  step: 1 | 2;
  /** When it falls due: shown + afterMs (step 1), shown + 2 × afterMs (step 2). */
  at: number;
  /** How long the alert will have waited. */
  afterMs: number;
  user?: string;
}

/** Steps older than this are not queued any more: the outbox forgets delivered items after a day. */
export const STALE_STEP_MS = 12 * 3_600_000;

/** Whether the incident still calls for reminders: open, alerted, and nobody answered it. */
export function awaitsAnswer(incident: Incident): boolean {
  return (
    incident.status === 'open' &&
    incident.alertedAt !== undefined &&
    incident.acknowledged === undefined &&
    incident.falsePositive === undefined &&
    // A mute, even once it has run out, is an answer: the team has seen the alert.
    incident.muted === undefined
  );
}

/**
 * The reminder steps due at `now` for one incident of a plan. `shownAt` is when the alert could be seen (its queueing,
 * or the end of the quiet hours that held it), so that a reminder never follows its alert at once.
 */
export function dueReminders(plan: Pick<Plan, 'remind' | 'escalation'>, incident: Incident, shownAt: number, now: number): ReminderStep[] {
  const remind = plan.remind;
  if (!remind || !awaitsAnswer(incident)) return [];
  if (LEVELS.indexOf(incident.severity.level) < LEVELS.indexOf(remind.severity)) return [];
  const steps: ReminderStep[] = [];
  const first = shownAt + remind.afterMs;
  const second = shownAt + 2 * remind.afterMs;
  if (now >= first && now - first < STALE_STEP_MS)
    steps.push({ id: `remind|${incident.id}|1`, kind: 'remind', step: 1, at: first, afterMs: remind.afterMs });
  if (now >= second && now - second < STALE_STEP_MS) {
    for (const user of plan.escalation)
      steps.push({ id: `remind|${incident.id}|2|${user}`, kind: 'remind_dm', step: 2, at: second, afterMs: 2 * remind.afterMs, user });
  }
  return steps;
}
