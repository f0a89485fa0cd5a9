import { ALERT_ACTIONS, type AlertAction } from '../../core/alert-view.js';
import { DRAFT_KINDS } from '../../core/incident/incident.js';
import { draftOfNumber } from '../../core/incident/used-drafts.js';
import type { Handler } from './handler.js';
import { refuse } from './kit.js';

const isAction = (word: string): word is AlertAction => (ALERT_ACTIONS as readonly string[]).includes(word);

/** An alert button typed as text (local mode, or a client without buttons). */
export const act: Handler<'act'> = async (command, ctx, kit) => {
  // The parser has already turned each language's button words (`ack`, `acquitter`…) into the button's name.
  const action = command.action;
  if (!isAction(action))
    return refuse({ key: 'cmd.error.set_value', params: { field: 'button', value: command.action, expected: ALERT_ACTIONS.join(', ') } });
  return kit.deps.incidents.act(command.incident, action, ctx);
};

/** `used <incident> <n>`: the team used suggested response n of the incident's thread (typed, or a button's). */
export const used: Handler<'used'> = async (command, ctx, kit) => {
  const kind = draftOfNumber(command.draft);
  if (!kind) return refuse({ key: 'used.error.number', params: { value: command.draft, max: DRAFT_KINDS.length } });
  return kit.deps.incidents.useDraft(command.incident, kind, ctx);
};
