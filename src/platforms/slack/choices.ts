import type { App, BlockButtonAction } from '@slack/bolt';
import type { CommandService, Reply } from '../../core/commands/types.js';
import { t } from '../../i18n/catalog.js';
import type { Locale } from '../../i18n/locale.js';
import type { Logger } from '../../log.js';
import { LIMITS, clip, section } from './blocks.js';
import type { KnownBlock } from './blocks.js';
import { commandContext } from './context.js';
import { slackReplyText } from './reply.js';

/** The block of a reply's one-click commands (`suggest`): a click runs the button's command as if it were typed. */
export const CHOICES_BLOCK_ID = 'vigie_command_choices';
/** Slack allows 25 elements in an actions block; a reply offers far fewer. */
const MAX_CHOICES = 25;

/** A command reply as an ephemeral Slack message: its text, and a button per choice when it offers some. */
export function slackReplyMessage(reply: Reply, locale: Locale): { response_type: 'ephemeral'; text: string; blocks?: KnownBlock[] } {
  const text = slackReplyText(reply, locale);
  const choices = (reply.choices ?? []).slice(0, MAX_CHOICES);
  if (choices.length === 0) return { response_type: 'ephemeral', text };
  const buttons = choices.map((choice, i) => ({
    type: 'button' as const,
    action_id: `choice-${i}`,
    text: { type: 'plain_text' as const, text: clip(t(locale, choice.label.key, choice.label.params), 75), emoji: true },
    value: clip(choice.command, 2000),
  }));
  return {
    response_type: 'ephemeral',
    text: clip(text, LIMITS.fallbackText),
    blocks: [section(text), { type: 'actions', block_id: CHOICES_BLOCK_ID, elements: buttons }],
  };
}

/** A click on a reply's button: its command runs as the clicker typed it (same checks, same workspace). */
export function registerChoices(app: App, deps: { commands: CommandService; locale: (teamId: string) => Locale; logger: Logger }): void {
  app.action<BlockButtonAction>({ type: 'block_actions', block_id: CHOICES_BLOCK_ID }, async ({ ack, body, action, respond }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const locale = deps.locale(team);
    const channel = body.channel?.id ?? body.container.channel_id ?? '';
    const log = deps.logger.child({ requestId: body.trigger_id, team, user: body.user.id });
    let text: string;
    try {
      const reply = await deps.commands.run(action.value ?? '', commandContext(team, channel, body.user.id, locale));
      text = slackReplyText(reply, locale);
    } catch (error) {
      log.error('command button failed', { error, command: (action.value ?? '').split(' ')[0] });
      text = t(locale, 'slack.reply.failed');
    }
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      log.error('could not answer the click through response_url', { error });
    }
  });
}
