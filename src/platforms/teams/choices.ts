import type { Reply } from '../../core/commands/types.js';
import { t } from '../../i18n/catalog.js';
import type { Locale } from '../../i18n/locale.js';
import { card, cardAttachment, plain } from './card-kit.js';
import type { OutboundActivity } from './port.js';

/** Verb of a reply's one-click command (`Action.Submit`, `value.verb`): its `command` runs as if typed. */
export const COMMAND_VERB = 'vigie.command';

/** A reply's choices as a card of `Action.Submit` buttons under the reply's text, or nothing when it has none. */
export function withChoices(activity: OutboundActivity, reply: Reply, locale: Locale): OutboundActivity {
  const choices = reply.choices ?? [];
  if (choices.length === 0) return activity;
  const actions = choices.map((choice) => ({
    type: 'Action.Submit',
    title: plain(t(locale, choice.label.key, choice.label.params), 60),
    data: { verb: COMMAND_VERB, command: choice.command },
  }));
  return { ...activity, attachments: [cardAttachment(card(locale, [], actions))] };
}
