import { ALERT_ACTIONS, type AlertAction } from '../../core/alert-view.js';
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
