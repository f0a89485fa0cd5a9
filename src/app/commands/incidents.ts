import { ALERT_ACTIONS, type AlertAction } from '../../core/alert-view.js';
import type { Handler } from './handler.js';
import { refuse } from './kit.js';

const ACTION_WORDS: Record<string, AlertAction> = {
  acknowledge: 'acknowledge',
  ack: 'acknowledge',
  escalate: 'escalate',
  mute: 'mute',
  not_crisis: 'not_crisis',
  'not-crisis': 'not_crisis',
};

/** An alert button typed as text (local mode, or a client without buttons). */
export const act: Handler<'act'> = async (command, ctx, kit) => {
  const action = ACTION_WORDS[command.action];
  if (!action) return refuse({ key: 'cmd.error.set_value', params: { field: 'button', value: command.action, expected: ALERT_ACTIONS.join(', ') } });
  return kit.deps.incidents.act(command.incident, action, ctx);
};
