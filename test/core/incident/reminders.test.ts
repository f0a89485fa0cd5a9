import { describe, expect, it } from 'vitest';
import { awaitsAnswer, dueReminders, STALE_STEP_MS } from '../../../src/core/incident/reminders.js';
import { incidentFixture } from '../../store/contract.js';

const MIN = 60_000;
const SHOWN = Date.UTC(2026, 2, 5, 10, 0);
const plan = { remind: { afterMs: 15 * MIN, severity: 'medium' as const }, escalation: ['U0AMINA', 'U0KARIM'] };
const alerted = { ...incidentFixture('inc-1', 'p1', SHOWN - 5 * MIN), alertedAt: SHOWN };

describe('reminders that escalate', () => {
  it('remind in the thread after the delay, then message each contact after as long again', () => {
    expect(dueReminders(plan, alerted, SHOWN, SHOWN + 14 * MIN)).toEqual([]);
    expect(dueReminders(plan, alerted, SHOWN, SHOWN + 15 * MIN)).toEqual([
      { id: 'remind|inc-1|1', kind: 'remind', step: 1, at: SHOWN + 15 * MIN, afterMs: 15 * MIN },
    ]);
    const both = dueReminders(plan, alerted, SHOWN, SHOWN + 31 * MIN);
    expect(both.map((s) => s.id)).toEqual(['remind|inc-1|1', 'remind|inc-1|2|U0AMINA', 'remind|inc-1|2|U0KARIM']);
    expect(both[2]).toMatchObject({ kind: 'remind_dm', step: 2, user: 'U0KARIM', afterMs: 30 * MIN });
  });

  it('stop once someone acknowledged, muted or marked it not a crisis, or once it resolved', () => {
    const later = SHOWN + 40 * MIN;
    expect(dueReminders(plan, { ...alerted, acknowledged: { by: 'U1', at: SHOWN } }, SHOWN, later)).toEqual([]);
    expect(dueReminders(plan, { ...alerted, muted: { by: 'U1', at: SHOWN, until: SHOWN + MIN } }, SHOWN, later)).toEqual([]);
    expect(dueReminders(plan, { ...alerted, falsePositive: { by: 'U1', at: SHOWN } }, SHOWN, later)).toEqual([]);
    expect(dueReminders(plan, { ...alerted, status: 'resolved' }, SHOWN, later)).toEqual([]);
    expect(awaitsAnswer(alerted)).toBe(true);
    // An incident found in past history was never alerted: nothing to remind.
    const { alertedAt: _never, ...silent } = alerted;
    expect(dueReminders(plan, silent, SHOWN, later)).toEqual([]);
  });

  it('only for alerts at or above the plan’s severity, and only for plans that ask', () => {
    const later = SHOWN + 40 * MIN;
    const low = { ...alerted, severity: { ...alerted.severity, level: 'low' as const } };
    expect(dueReminders(plan, low, SHOWN, later)).toEqual([]);
    expect(dueReminders({ ...plan, remind: { afterMs: 15 * MIN, severity: 'critical' } }, alerted, SHOWN, later)).toEqual([]);
    expect(dueReminders({ escalation: plan.escalation }, alerted, SHOWN, later)).toEqual([]);
  });

  it('are not queued again once stale (the outbox forgets delivered items after a day)', () => {
    expect(dueReminders(plan, alerted, SHOWN, SHOWN + 30 * MIN + STALE_STEP_MS)).toEqual([]);
  });
});
