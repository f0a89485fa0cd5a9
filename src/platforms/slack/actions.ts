import type { App, BlockButtonAction, BlockOverflowAction } from '@slack/bolt';
import { ALERT_ACTIONS, type AlertAction } from '../../core/alert-view.js';
import type { CommandService } from '../../core/commands/types.js';
import type { Locale } from '../../i18n/locale.js';
import { t } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import { slackReplyText } from './reply.js';
import { commandContext } from './context.js';
import { ACTIONS_BLOCK_ID, CORRECT_ACTION_ID, DRAFT_USED_BLOCK_PREFIX, type DraftUsedValue, REPORT_BLOCK_ID } from './render.js';
import { DraftKindSchema } from '../../core/incident/incident.js';
import { z } from 'zod';

export interface ActionDeps {
  commands: CommandService;
  locale: (teamId: string) => Locale;
  logger: Logger;
}

function isAlertAction(id: string): id is AlertAction {
  return (ALERT_ACTIONS as readonly string[]).includes(id);
}

/** A "Mark as used" button's value, as `draftUsedValue` wrote it; anything else is refused. */
const DraftUsedValueSchema = z.object({ i: z.string().min(1), k: DraftKindSchema, t: z.string().optional() }) satisfies z.ZodType<DraftUsedValue>;

function draftUsedOf(value: string | undefined): DraftUsedValue | undefined {
  try {
    const parsed = DraftUsedValueSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The four alert buttons. A click carries the incident id (value) and the action (action id) and re-enters the
 * command path; the clicker gets an ephemeral answer, and the parent message is refreshed by the outbox.
 */
export function registerActions(app: App, deps: ActionDeps): void {
  // The "Open report" button opens its URL in the browser; Slack still posts the click, which needs an answer.
  app.action({ type: 'block_actions', block_id: REPORT_BLOCK_ID }, async ({ ack }) => {
    await ack();
  });
  // "Mark as used" under a suggested response: the same command path as `used <incident> <n>`, with the text shown.
  app.action<BlockButtonAction>(
    { type: 'block_actions', block_id: new RegExp(`^${DRAFT_USED_BLOCK_PREFIX}`) },
    async ({ ack, body, action, respond }) => {
      await ack();
      const team = body.team?.id ?? body.user.team_id ?? '';
      const locale = deps.locale(team);
      const used = draftUsedOf(action.value);
      const log = deps.logger.child({ requestId: body.trigger_id, team, user: body.user.id, incident: used?.i, draft: used?.k });
      if (used === undefined) {
        log.warn('unknown "mark as used" button', { code: 'slack_bad_draft_button' });
        return;
      }
      const channel = body.channel?.id ?? body.container.channel_id ?? '';
      let text: string;
      try {
        text = slackReplyText(await deps.commands.useDraft(used.i, used.k, commandContext(team, channel, body.user.id, locale), used.t), locale);
      } catch (error) {
        log.error('"mark as used" button failed', { error });
        text = t(locale, 'slack.reply.failed');
      }
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text });
      } catch (error) {
        log.error('could not answer the click through response_url', { error });
      }
    },
  );
  app.action<BlockButtonAction>({ type: 'block_actions', block_id: ACTIONS_BLOCK_ID }, async ({ ack, body, action, respond }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const locale = deps.locale(team);
    const log = deps.logger.child({ requestId: body.trigger_id, team, user: body.user.id, incident: action.value, action: action.action_id });
    if (!isAlertAction(action.action_id) || action.value === undefined) {
      log.warn('unknown alert button');
      return;
    }
    const channel = body.channel?.id ?? body.container.channel_id ?? '';
    let text: string;
    try {
      const reply = await deps.commands.action(action.value, action.action_id, commandContext(team, channel, body.user.id, locale));
      text = slackReplyText(reply, locale);
    } catch (error) {
      log.error('alert button failed', { error });
      text = t(locale, 'slack.reply.failed');
    }
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      log.error('could not answer the click through response_url', { error });
    }
  });

  // "Wrong sentiment" beside an evidence post: the choice (`<post ref> <label>`) re-enters the command path as `correct`.
  app.action<BlockOverflowAction>({ type: 'block_actions', action_id: CORRECT_ACTION_ID }, async ({ ack, body, action, respond }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const locale = deps.locale(team);
    const choice = action.selected_option?.value ?? '';
    const log = deps.logger.child({ requestId: body.trigger_id, team, user: body.user.id, action: action.action_id, choice });
    if (!/^[0-9a-f]{6,8} (positive|neutral|negative)$/.test(choice)) {
      log.warn('unknown sentiment correction', { code: 'slack_bad_correction' });
      return;
    }
    const channel = body.channel?.id ?? body.container.channel_id ?? '';
    let text: string;
    try {
      const reply = await deps.commands.run(`correct ${choice}`, commandContext(team, channel, body.user.id, locale));
      text = slackReplyText(reply, locale);
    } catch (error) {
      log.error('sentiment correction failed', { error });
      text = t(locale, 'slack.reply.failed');
    }
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      log.error('could not answer the correction through response_url', { error });
    }
  });
}
