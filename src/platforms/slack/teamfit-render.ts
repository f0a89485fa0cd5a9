import type { AlertView } from '../../core/alert-view.js';
import { translator } from '../../i18n/catalog.js';
import { competitorLines, remindDirectLine, remindLine } from '../teamfit-text.js';
import { LIMITS, clip, context, escapeText, header, section } from './blocks.js';
import type { SlackMessage } from './render.js';

// Slack user ids only: anything else in the escalation list would be text an attacker could shape into a mention.
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A competitor's own crisis: a message of its own, worded as context. */
export function renderCompetitor(view: AlertView, competitor: string): SlackMessage {
  const lines = competitorLines(view, escapeText(competitor), translator(view.locale));
  return {
    text: clip(lines.title, LIMITS.fallbackText),
    blocks: [header(lines.title), section(lines.body), context([lines.advice])],
  };
}

/** The reminder in the alert's thread, mentioning the escalation list. */
export function renderRemind(view: AlertView, afterMs: number): SlackMessage {
  const mentions = view.escalation
    .filter((id) => USER_ID.test(id))
    .map((id) => `<@${id}>`)
    .join(' ');
  const text = remindLine({ ...view, planName: escapeText(view.planName) }, afterMs, translator(view.locale), mentions);
  return { text: clip(text, LIMITS.fallbackText), blocks: [section(text)] };
}

/** The reminder as a direct message to one contact. */
export function renderRemindDirect(view: AlertView, afterMs: number): SlackMessage {
  const text = remindDirectLine({ ...view, planName: escapeText(view.planName) }, afterMs, translator(view.locale));
  return { text: clip(text, LIMITS.fallbackText), blocks: [section(text)] };
}

export const isSlackUserId = (id: string): boolean => USER_ID.test(id);
