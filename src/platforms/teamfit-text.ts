import type { AlertView } from '../core/alert-view.js';
import type { Translate } from '../i18n/catalog.js';
import { humanDuration } from './alert-text.js';

/**
 * The words of a competitor's crisis and of a reminder, shared by the terminal, Slack and Teams: numbers from the
 * view, words from the catalogue (`i18n/sections/teamfit.ts`).
 */

const round = (n: number): string => String(Math.round(n));

/** A competitor's own crisis, worded as context for the team: it may spill over; never an opening to exploit. */
export function competitorLines(view: AlertView, competitor: string, t: Translate): { title: string; body: string; advice: string } {
  return {
    title: t('teamfit.competitor.title', { competitor, plan: view.planName }),
    body: t('teamfit.competitor.body', {
      competitor,
      negative: view.counts.negative,
      window: humanDuration(view.explanation.windowMs),
      expected: round(view.counts.expectedNegative),
      stage: view.stage,
    }),
    advice: t('teamfit.competitor.advice'),
  };
}

/** A reminder of an alert nobody acknowledged: how long it has waited and how to stop the reminders. */
export function remindLine(view: AlertView, afterMs: number, t: Translate, mentions: string): string {
  const waited = humanDuration(afterMs);
  const level = t(`alert.level.${view.severity.level}`);
  return mentions === ''
    ? t('teamfit.remind.nobody', { plan: view.planName, level, waited })
    : t('teamfit.remind.thread', { plan: view.planName, level, waited, mentions });
}

/** The direct message of a reminder: the plan, the level, how long it waited, where the alert is. */
export function remindDirectLine(view: AlertView, afterMs: number, t: Translate): string {
  return t('teamfit.remind.direct', {
    plan: view.planName,
    level: t(`alert.level.${view.severity.level}`),
    waited: humanDuration(afterMs),
    negative: view.counts.negative,
  });
}
