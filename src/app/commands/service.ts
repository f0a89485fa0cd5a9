import type { AlertAction } from '../../core/alert-view.js';
import type { DraftKind } from '../../core/incident/incident.js';
import { CommandParseError } from '../../core/commands/grammar.js';
import { isSlowCommand, parseCommand } from '../../core/commands/parse.js';
import { checkPlanForm, formOf } from '../../core/commands/plan-form.js';
import type {
  Command,
  CommandContext,
  CommandName,
  CommandOf,
  CommandService,
  PlanForm,
  PlanFormResult,
  Reply,
  ReplyLine,
} from '../../core/commands/types.js';
import type { CommandDeps } from './deps.js';
import type { Locale } from '../../i18n/locale.js';
import type { Handler } from './handler.js';
import { syntaxOf } from './help.js';
import { CommandFailure, createKit, fail } from './kit.js';
import { HANDLERS } from './table.js';
import { ALIASES } from './aliases.js';

const usageLine = (name: CommandName): ReplyLine => ({ key: 'cmd.usage', params: { syntax: syntaxOf(name) } });

function parseErrorLines(error: CommandParseError): ReplyLine[] {
  const lines: ReplyLine[] = [];
  switch (error.code) {
    case 'empty':
      lines.push({ key: 'cmd.error.empty' });
      break;
    case 'unknown_command':
      lines.push({ key: 'cmd.error.unknown_command', params: { word: error.argument ?? '' } });
      break;
    case 'missing_argument':
      lines.push({ key: 'cmd.error.missing_argument', params: { argument: error.argument ?? '' } });
      break;
    case 'unexpected_argument':
      lines.push({ key: 'cmd.error.unexpected_argument', params: { argument: error.argument ?? '' } });
      break;
    case 'unterminated_quote':
      lines.push({ key: 'cmd.error.unterminated_quote' });
      break;
  }
  if (error.command) lines.push(usageLine(error.command));
  return lines;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'internal';
}

function safeParse(text: string): Command | undefined {
  try {
    return parseCommand(text, ALIASES);
  } catch {
    return undefined;
  }
}

/** Every command through one path: parse, look the handler up, run it; refusals come back with the command's usage. */
export function createCommandService(deps: CommandDeps): CommandService {
  const { store } = deps;

  const execute = <N extends CommandName>(command: CommandOf<N>, ctx: CommandContext): Promise<Reply> =>
    (HANDLERS[command.name as N] as Handler<N>)(command, ctx, createKit(deps, deps.now()));

  /** The locale of the plan a command names, as it is after the command (`set acme locale fr` answers in French). */
  const planLocale = async (command: Command | undefined, ctx: CommandContext): Promise<Locale | undefined> => {
    const name = command && 'plan' in command ? command.plan : undefined;
    return name ? (await store.plans.get(ctx.scope, name))?.locale : undefined;
  };

  const attempt = async (text: string, ctx: CommandContext): Promise<{ reply: Reply; command?: Command }> => {
    let command: Command | undefined;
    try {
      command = parseCommand(text, ALIASES);
      return { reply: await execute(command, ctx), command };
    } catch (error) {
      if (error instanceof CommandFailure) return { reply: fail(...error.lines, ...(command ? [usageLine(command.name)] : [])), command };
      if (error instanceof CommandParseError) return { reply: fail(...parseErrorLines(error)) };
      deps.logger.error('command failed', { workspace: ctx.scope.workspace, user: ctx.user, command: text.split(/\s+/)[0], error });
      return { reply: fail({ key: 'cmd.error.internal', params: { code: errorCode(error) } }) };
    }
  };

  /**
   * In the terminal, where the caller's language is only VIGIE_LOCALE, a reply is in the language of the plan it is
   * about (a plan removed by the command is looked up before); Slack and Teams answer in the workspace's language.
   */
  const run = async (text: string, ctx: CommandContext): Promise<Reply> => {
    if (ctx.scope.platform !== 'local') return (await attempt(text, ctx)).reply;
    const before = await planLocale(safeParse(text), ctx);
    const { reply, command } = await attempt(text, ctx);
    const locale = (await planLocale(command, ctx)) ?? before;
    return locale ? { ...reply, locale } : reply;
  };

  return {
    run,
    isSlow: (text: string) => isSlowCommand(text, ALIASES),
    action: async (incidentId: string, action: AlertAction, ctx: CommandContext) => {
      try {
        return await deps.incidents.act(incidentId, action, ctx);
      } catch (error) {
        deps.logger.error('alert action failed', { incidentId, action, workspace: ctx.scope.workspace, error });
        return fail({ key: 'cmd.error.internal', params: { code: errorCode(error) } });
      }
    },
    useDraft: async (incidentId: string, draft: DraftKind, ctx: CommandContext, shown?: string) => {
      try {
        return await deps.incidents.useDraft(incidentId, draft, ctx, shown);
      } catch (error) {
        deps.logger.error('marking a suggested response failed', { incidentId, draft, workspace: ctx.scope.workspace, error });
        return fail({ key: 'cmd.error.internal', params: { code: errorCode(error) } });
      }
    },
    planForm: async (name: string | undefined, ctx: CommandContext): Promise<PlanForm> => {
      const existing = name ? await store.plans.get(ctx.scope, name) : undefined;
      if (existing) return formOf(existing);
      return {
        name: name ?? '',
        brand: '',
        kinds: [],
        languages: [],
        sensitivity: 'normal',
        escalation: [],
        channel: ctx.channel,
        locale: ctx.locale,
      };
    },
    submitPlanForm: async (form: PlanForm, ctx: CommandContext): Promise<PlanFormResult> => {
      const existing = form.name.trim() ? await store.plans.get(ctx.scope, form.name.trim()) : undefined;
      const checked = checkPlanForm(
        form,
        {
          existing,
          scope: ctx.scope,
          destination: { platform: ctx.scope.platform, workspace: ctx.scope.workspace, channel: form.channel?.trim() || ctx.channel },
          locale: ctx.locale,
          by: ctx.user,
          at: deps.now(),
          id: deps.newId(),
          defaultTimeZone: deps.timeZone,
        },
        { validateQuery: deps.validateQuery, checkSourceArg: deps.sources.checkArg },
      );
      if (!checked.ok) return checked;
      await store.plans.save(checked.plan);
      deps.plansChanged(checked.plan.id);
      return { ok: true, plan: checked.plan, created: existing === undefined };
    },
  };
}
