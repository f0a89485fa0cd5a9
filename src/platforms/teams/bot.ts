import type { AlertView } from '../../core/alert-view.js';
import type { CommandContext, CommandService, Reply } from '../../core/commands/types.js';
import type { Scope } from '../../core/plan.js';
import type { Locale } from '../../i18n/locale.js';
import { t } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { CARD_CONTENT_TYPE, card, cardAttachment, text, type AdaptiveCard } from './card-kit.js';
import { CORRECT_VERB, DRAFT_USED_VERB, actionOfVerb } from './cards.js';
import { DraftKindSchema } from '../../core/incident/incident.js';
import { z } from 'zod';
import {
  actorOf,
  commandText,
  conversationKey,
  conversationType,
  localeOf,
  mentionsBot,
  referenceKey,
  referenceOf,
  scopeOf,
  timeZoneOf,
} from './inbound.js';
import { toTeamsMarkdown } from './markdown.js';
import { COMMAND_VERB, withChoices } from './choices.js';
import { PLAN_SUBMIT_VERB, parsePlanSubmission, renderPlanCard, renderPlanSaved } from './plan-card.js';
import {
  TeamsConversationRefSchema,
  type InboundActivity,
  type InvokeResult,
  type OutboundActivity,
  type TeamsConversationRef,
  type TeamsTransport,
  type TeamsTurn,
  type TurnHandler,
} from './port.js';

export interface TeamsBotOptions {
  commands: CommandService;
  store: Store;
  logger: Logger;
  transport: Pick<TeamsTransport, 'send'>;
  /** The current view of an incident, to redraw its card in place after a button. */
  alertView(incidentId: string): Promise<AlertView | undefined>;
  /** The root card of an alert as the notifier draws it. */
  alertCard(view: AlertView): AdaptiveCard;
  /** Whether the bot may call an activity's `serviceUrl` (Bot Framework hosts in production, loopback otherwise). */
  trustedServiceUrl(url: string): boolean;
  now?: () => number;
}

export interface TeamsBot {
  onTurn: TurnHandler;
  /** Wait for answers to slow commands still being computed (on shutdown, in tests). */
  idle(): Promise<void>;
}

const PLAN_COMMAND = /^plan(?:\s+(.+))?$/i;

function replyText(reply: Reply, locale: Locale): string {
  return toTeamsMarkdown(reply.lines.map((line) => t(reply.locale ?? locale, line.key, line.params)).join('\n'));
}

function message(text: string): OutboundActivity {
  return { text, textFormat: 'markdown' };
}

/** A command's reply: its one-click choices, and an export's file as a card with a download button, under the text. */
function replyActivity(reply: Reply, locale: Locale): OutboundActivity {
  const out = withChoices(message(replyText(reply, locale)), reply, locale);
  const file = reply.file;
  if (file?.url === undefined) return out;
  const fileCard = card(
    locale,
    [text(file.name, { weight: 'Bolder' })],
    [{ type: 'Action.OpenUrl', title: t(locale, 'export.download'), url: file.url }],
  );
  return { ...out, attachments: [...(out.attachments ?? []), cardAttachment(fileCard)] };
}

/** The invoke answer that replaces an Adaptive Card in place (Universal Actions). */
function cardResult(card: AdaptiveCard): InvokeResult {
  return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
}

/** The invoke answer that leaves the card as it is and shows a short message to the clicker. */
function messageResult(text: string): InvokeResult {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The data of a "Mark as used" submit, as `renderSuggestionCard` wrote it; anything else is refused. */
const DraftUsedDataSchema = z.object({ incidentId: z.string().min(1), draft: DraftKindSchema, text: z.string().optional() });

/** `adaptiveCard/action` invoke value (Action.Execute) or a message `value` (legacy Action.Submit). */
function cardActionOf(activity: InboundActivity): CardAction | undefined {
  const value = record(activity.value);
  if (value === undefined) return undefined;
  const action = record(value.action);
  if (activity.type === 'invoke' && action !== undefined && typeof action.verb === 'string')
    return { verb: action.verb, data: record(action.data) ?? {} };
  if (activity.type === 'message' && typeof value.verb === 'string') return { verb: value.verb, data: value };
  return undefined;
}

/**
 * What the bot does with each activity: commands from mentions (any message in a personal chat), the plan form and
 * its submit, alert buttons, and install/removal bookkeeping. Platform words come from the catalogue.
 */
export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const { commands, store, logger } = options;
  const now = options.now ?? Date.now;
  const pending = new Set<Promise<void>>();

  const remember = async (ref: TeamsConversationRef): Promise<void> => {
    const key = referenceKey(ref.tenantId, ref.conversationId);
    const stored = TeamsConversationRefSchema.safeParse(await store.installations.get('teams', key));
    if (stored.success && JSON.stringify(stored.data) === JSON.stringify(ref)) return;
    await store.installations.save('teams', key, { ...ref });
    // Older versions keyed references by conversation id alone: the tenant's own one moves to its tenant key.
    const legacy = TeamsConversationRefSchema.safeParse(await store.installations.get('teams', ref.conversationId));
    if (legacy.success && legacy.data.tenantId === ref.tenantId) await store.installations.remove('teams', ref.conversationId);
    logger.info('teams: conversation reference saved', { conversation: ref.conversationId, tenant: ref.tenantId, type: ref.conversationType });
  };

  /** The bot left a team, a chat or a channel was deleted: forget the references and pause the plans alerting there. */
  const forget = async (scope: Scope, conversations: string[], team?: string): Promise<void> => {
    const gone = new Set(conversations);
    const keys: string[] = [];
    for (const { key, value } of await store.installations.list('teams')) {
      const ref = TeamsConversationRefSchema.safeParse(value);
      // Only this tenant's references: another tenant naming the same conversation or team id removes nothing.
      if (!ref.success || ref.data.tenantId !== scope.workspace) continue;
      if (team !== undefined && ref.data.teamId === team) gone.add(ref.data.conversationId);
      if (gone.has(ref.data.conversationId)) keys.push(key);
    }
    for (const key of keys) await store.installations.remove('teams', key);
    const at = now();
    for (const plan of await store.plans.list(scope)) {
      if (plan.status !== 'active' || plan.destination.platform !== 'teams' || !gone.has(plan.destination.channel)) continue;
      await store.plans.save({ ...plan, status: 'paused', updated: { by: 'teams', at } });
      logger.warn('teams: plan paused, its conversation is gone', { plan: plan.id, conversation: plan.destination.channel });
    }
  };

  const contextOf = (activity: InboundActivity, scope: Scope): CommandContext => {
    const timeZone = timeZoneOf(activity);
    return {
      scope,
      channel: conversationKey(activity),
      user: actorOf(activity),
      locale: localeOf(activity),
      ...(timeZone ? { timeZone } : {}),
    };
  };

  const submitPlan = async (data: Record<string, unknown>, ctx: CommandContext): Promise<AdaptiveCard | string> => {
    const parsed = parsePlanSubmission(data);
    if (!parsed.ok) return t(ctx.locale, 'teams.plan.badForm', { detail: parsed.detail });
    const result = await commands.submitPlanForm({ ...parsed.form, channel: parsed.form.channel ?? ctx.channel }, ctx);
    if (result.ok) return renderPlanSaved(result, ctx.locale);
    return renderPlanCard(parsed.form, ctx.locale, { errors: result.errors });
  };

  /** The "wrong sentiment" form of an alert card: its two inputs become a `correct` command. */
  const correctFrom = async (data: Record<string, unknown>, ctx: CommandContext): Promise<Reply> => {
    const { post, label } = data;
    if (typeof post !== 'string' || typeof label !== 'string' || !/^[0-9a-f]{6,8}$/.test(post) || !/^(positive|neutral|negative)$/.test(label)) {
      logger.warn('teams: bad sentiment correction', { code: 'teams_bad_correction', conversation: ctx.channel });
      return { ok: false, lines: [{ key: 'corr.error.not_found', params: { post: typeof post === 'string' ? post.slice(0, 20) : '' } }] };
    }
    return commands.run(`correct ${post} ${label}`, ctx);
  };

  /** "Mark as used" under a suggested response: the same command path as `used <incident> <n>`, with the text shown. */
  const markUsed = async (data: Record<string, unknown>, ctx: CommandContext): Promise<Reply> => {
    const parsed = DraftUsedDataSchema.safeParse(data);
    if (!parsed.success) {
      logger.warn('teams: "mark as used" with unreadable data', { code: 'teams_bad_draft_submit', issues: parsed.error.issues.length });
      return { ok: false, lines: [{ key: 'teams.error.badAction' }] };
    }
    return commands.useDraft(parsed.data.incidentId, parsed.data.draft, ctx, parsed.data.text);
  };

  /** A slow command (a test poll) answers later in the same conversation, after the turn has been acknowledged. */
  const later = (ref: TeamsConversationRef, conversationId: string, text: string, ctx: CommandContext): void => {
    const task = (async () => {
      try {
        const reply = await commands.run(text, ctx);
        await options.transport.send(ref, conversationId, replyActivity(reply, ctx.locale));
      } catch (error) {
        logger.error('teams: slow command failed', { command: text.split(' ')[0], conversation: conversationId, error });
      }
    })();
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  const onMessage = async (turn: TeamsTurn, scope: Scope, ref: TeamsConversationRef): Promise<void> => {
    const activity = turn.activity;
    const ctx = contextOf(activity, scope);
    const action = cardActionOf(activity);
    if (action?.verb === PLAN_SUBMIT_VERB) {
      const result = await submitPlan(action.data, ctx);
      const out: OutboundActivity = typeof result === 'string' ? message(result) : { attachments: [cardAttachment(result)] };
      if (activity.replyToId !== undefined && typeof result !== 'string') await turn.update(activity.replyToId, out);
      else await turn.reply(out);
      return;
    }
    if (action?.verb === CORRECT_VERB) {
      await turn.reply(message(replyText(await correctFrom(action.data, ctx), ctx.locale)));
      return;
    }
    if (action?.verb === DRAFT_USED_VERB) {
      await turn.reply(replyActivity(await markUsed(action.data, ctx), ctx.locale));
      return;
    }
    // A click on a reply's button (`suggest`): its command, run as the clicker typed it.
    const clicked = action?.verb === COMMAND_VERB && typeof action.data.command === 'string' ? action.data.command : undefined;
    const text = clicked ?? (commandText(activity) || 'help');
    const plan = PLAN_COMMAND.exec(text);
    if (plan !== null) {
      const name = plan[1]?.trim();
      const form = await commands.planForm(name, ctx);
      await turn.reply({ attachments: [cardAttachment(renderPlanCard(form, ctx.locale, name === undefined ? {} : { original: name }))] });
      return;
    }
    if (commands.isSlow(text)) {
      await turn.reply(message(t(ctx.locale, 'teams.working')));
      later(ref, activity.conversation.id, text, ctx);
      return;
    }
    await turn.reply(replyActivity(await commands.run(text, ctx), ctx.locale));
  };

  const onInvoke = async (turn: TeamsTurn, scope: Scope): Promise<InvokeResult> => {
    const activity = turn.activity;
    const action = activity.name === 'adaptiveCard/action' ? cardActionOf(activity) : undefined;
    if (action === undefined) return { status: 501 };
    const ctx = contextOf(activity, scope);
    if (action.verb === PLAN_SUBMIT_VERB) {
      const result = await submitPlan(action.data, ctx);
      return typeof result === 'string' ? messageResult(result) : cardResult(result);
    }
    if (action.verb === DRAFT_USED_VERB) return messageResult(replyText(await markUsed(action.data, ctx), ctx.locale));
    const alertAction = actionOfVerb(action.verb);
    const incidentId = action.data.incidentId;
    if (alertAction === undefined || typeof incidentId !== 'string') return messageResult(t(ctx.locale, 'teams.error.badAction'));
    const reply = await commands.action(incidentId, alertAction, ctx);
    const view = reply.ok ? await options.alertView(incidentId) : undefined;
    if (view === undefined) return messageResult(replyText(reply, ctx.locale));
    return cardResult(options.alertCard(view));
  };

  const onConversationUpdate = async (turn: TeamsTurn, scope: Scope, ref: TeamsConversationRef): Promise<void> => {
    const activity = turn.activity;
    const me = activity.recipient.id;
    const event = activity.channelData?.eventType;
    if (activity.membersRemoved?.some((m) => m.id === me) || event === 'teamDeleted') {
      await forget(scope, [ref.conversationId], ref.teamId);
      return;
    }
    if (event === 'channelDeleted' && activity.channelData?.channel?.id !== undefined) {
      await forget(scope, [activity.channelData.channel.id]);
      return;
    }
    if (activity.membersAdded?.some((m) => m.id === me)) {
      await remember(ref);
      await turn.reply(message(t(localeOf(activity), 'teams.welcome')));
    }
  };

  const onTurn: TurnHandler = async (turn) => {
    const activity = turn.activity;
    // The activity id names this one request: every line it causes carries it.
    const log = logger.child({ requestId: activity.id ?? 'none' });
    if (!options.trustedServiceUrl(activity.serviceUrl)) {
      // The bot would post its answer (and, in production, its token) to this address: never to an unknown server.
      log.warn('teams: activity with an untrusted serviceUrl ignored', {
        code: 'teams_untrusted_service_url',
        type: activity.type,
        serviceUrl: activity.serviceUrl.slice(0, 200),
      });
      return activity.type === 'invoke' ? { status: 400 } : undefined;
    }
    const scope = scopeOf(activity);
    const ref = referenceOf(activity);
    if (scope === undefined || ref === undefined) {
      log.warn('teams: activity without a tenant ignored', {
        code: 'teams_no_tenant',
        type: activity.type,
        conversation: activity.conversation.id,
      });
      return activity.type === 'invoke' ? { status: 400 } : undefined;
    }
    try {
      switch (activity.type) {
        case 'message':
          // In a channel or group chat Teams only delivers mentions, but a card submit carries none.
          if (conversationType(activity) !== 'personal' && !mentionsBot(activity) && cardActionOf(activity) === undefined) return;
          await remember(ref);
          await onMessage(turn, scope, ref);
          return;
        case 'invoke':
          return await onInvoke(turn, scope);
        case 'conversationUpdate':
          await onConversationUpdate(turn, scope, ref);
          return;
        case 'installationUpdate': {
          const action = (activity as { action?: unknown }).action;
          if (typeof action === 'string' && action.startsWith('remove')) await forget(scope, [ref.conversationId], ref.teamId);
          else if (typeof action === 'string' && action.startsWith('add')) await remember(ref);
          return;
        }
        default:
          return;
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      log.error('teams: turn failed', {
        type: activity.type,
        name: activity.name,
        conversation: activity.conversation.id,
        tenant: scope.workspace,
        error,
      });
      const text = t(localeOf(activity), 'teams.error.internal', { code: typeof code === 'string' ? code : 'teams_turn_failed' });
      if (activity.type === 'invoke') return messageResult(text);
      await turn.reply(message(text)).catch(() => undefined);
      return;
    }
  };

  return {
    onTurn,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
