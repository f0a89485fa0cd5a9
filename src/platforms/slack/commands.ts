import type { App } from '@slack/bolt';
import type { CommandService, ReplyFile } from '../../core/commands/types.js';
import type { SourceKind } from '../../core/mention.js';
import type { Locale } from '../../i18n/locale.js';
import { t } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import type { ThreadRepo } from '../../store/store.js';
import { slackReplyMessage } from './choices.js';
import { commandContext } from './context.js';
import { openPlanModal } from './modal.js';
import type { ResolvedSlackSettings } from './settings.js';

export interface CommandDeps {
  settings: ResolvedSlackSettings;
  commands: CommandService;
  locale: (teamId: string) => Locale;
  logger: Logger;
  kinds: () => readonly SourceKind[];
  /** Where each incident's thread is: an incident's export goes into it. */
  threads?: Pick<ThreadRepo, 'get'>;
}

/** `plan`, `plan <name>` and `plan "<name with spaces>"` open the modal instead of answering in text. */
const PLAN_COMMAND = /^plan(?:\s+(.+))?$/i;
const QUOTED = /^["“](.*)["”]$/u;
const TIMED_OUT = Symbol('timed out');

/** The value of `task` if it settles within `ms`, else TIMED_OUT (the task keeps running). */
async function within<T>(task: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  try {
    return await Promise.race([task, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function ephemeral(text: string): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text };
}

/**
 * `/vigie <command>`: Slack wants an answer within 3 s. Commands answer in the acknowledgement itself when they
 * finish within `ackBudgetMs`; slow ones (a `test` poll) or late ones are acknowledged with "working on it" and
 * answered through response_url.
 */
export function registerCommands(app: App, deps: CommandDeps): void {
  const { settings, commands, logger } = deps;
  app.command(settings.command, async ({ command, ack, respond, client }) => {
    const locale = deps.locale(command.team_id);
    const ctx = commandContext(command.team_id, command.channel_id, command.user_id, locale);
    // Slack's trigger id names this one request: every line it causes carries it.
    const log = logger.child({ requestId: command.trigger_id, team: command.team_id, channel: command.channel_id, user: command.user_id });
    const text = command.text.trim();

    const plan = PLAN_COMMAND.exec(text);
    if (plan !== null) {
      await ack();
      const name = plan[1]?.trim().replace(QUOTED, '$1').trim();
      await openPlanModal(client, command.trigger_id, name, { commands, ctx, log, respond, kinds: deps.kinds });
      return;
    }

    let file: ReplyFile | undefined;
    const run = commands.run(text, ctx).then(
      (reply) => {
        file = reply.file;
        return slackReplyMessage(reply, locale);
      },
      (error: unknown) => {
        log.error('slash command failed', { error, text });
        return ephemeral(t(locale, 'slack.reply.failed'));
      },
    );
    // An export's file is uploaded once the command is answered (an incident's into its thread, else into this
    // channel); the reply carries its link too.
    const upload = async (): Promise<void> => {
      if (!file) return;
      const thread = file.incidentId === undefined ? undefined : (await deps.threads?.get(file.incidentId, 'slack'))?.ref;
      const where =
        typeof thread?.channel === 'string' && typeof thread.ts === 'string'
          ? { channel_id: thread.channel, thread_ts: thread.ts }
          : { channel_id: command.channel_id };
      try {
        await client.filesUploadV2({
          ...where,
          file: Buffer.from(file.content, 'utf8'),
          filename: file.name,
          title: file.name,
        });
      } catch (error) {
        log.error('export not uploaded', { code: 'export_upload_failed', error, file: file.name });
        await respond(ephemeral(t(locale, 'export.upload_failed', { reason: error instanceof Error ? error.message : String(error) }))).catch(
          (answerError: unknown) => log.error('could not answer through response_url', { error: answerError }),
        );
      }
    };
    const quick = commands.isSlow(text) ? TIMED_OUT : await within(run, settings.ackBudgetMs);
    if (quick !== TIMED_OUT) {
      await ack(quick);
      await upload();
      return;
    }
    await ack(ephemeral(t(locale, 'slack.reply.working')));
    try {
      await respond(await run);
    } catch (error) {
      log.error('could not answer through response_url', { error, text });
    }
    await upload();
  });
}
