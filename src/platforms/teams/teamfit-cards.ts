import type { AlertView } from '../../core/alert-view.js';
import { translator } from '../../i18n/catalog.js';
import { competitorLines, remindDirectLine, remindLine } from '../teamfit-text.js';
import { card, heading, plain, text, type AdaptiveCard } from './card-kit.js';
import type { MentionEntity, OutboundActivity } from './port.js';

/** A competitor's own crisis, as context: a card of its own in the plan's channel or chat. */
export function renderCompetitorCard(view: AlertView, competitor: string): AdaptiveCard {
  const lines = competitorLines({ ...view, planName: plain(view.planName, 60) }, plain(competitor, 80), translator(view.locale));
  return card(view.locale, [heading(lines.title), text(lines.body), text(lines.advice, { isSubtle: true })]);
}

/** The reminder in the alert's thread, with each escalation contact mentioned. */
export function renderRemind(view: AlertView, afterMs: number, contacts: Array<{ id: string; name: string }>): OutboundActivity {
  const entities: MentionEntity[] = contacts.map((c) => ({ type: 'mention', text: `<at>${c.name}</at>`, mentioned: { id: c.id, name: c.name } }));
  const mentions = entities.map((e) => e.text).join(', ');
  const line = remindLine({ ...view, planName: plain(view.planName, 60) }, afterMs, translator(view.locale), mentions);
  return { text: line, textFormat: 'markdown', ...(entities.length > 0 ? { entities } : {}) };
}

/** The reminder as a direct message to one contact. */
export function renderRemindDirect(view: AlertView, afterMs: number): OutboundActivity {
  return { text: remindDirectLine({ ...view, planName: plain(view.planName, 60) }, afterMs, translator(view.locale)), textFormat: 'markdown' };
}
