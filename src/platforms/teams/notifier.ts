import type { AlertView, ChartView } from '../../core/alert-view.js';
import type { Destination } from '../../core/plan.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { NotifierError, type AlertMessage, type DeliveryContext, type Notifier, type NotifierErrorCode, type ThreadHandle } from '../notifier.js';
import { translator } from '../../i18n/catalog.js';
import { digestLines } from '../digest-text.js';
import { card, cardAttachment, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import {
  alertSummary,
  referenceLine,
  renderAlertCard,
  renderChartCard,
  renderEscalation,
  renderResolutionCard,
  renderSuggestionCard,
  renderUpdateCard,
} from './cards.js';
import { TeamsConversationRefSchema, TeamsTransportError, type OutboundActivity, type TeamsConversationRef, type TeamsTransport } from './port.js';
import { SlidingWindowLimiter, TEAMS_THREAD_LIMITS, systemClock, type Clock } from './rate-limit.js';
import { referenceKey } from './inbound.js';
import { renderCompetitorCard, renderRemind, renderRemindDirect } from './teamfit-cards.js';

/** What Vigie keeps per incident on Teams (the opaque ThreadHandle the outbox stores). */
export interface TeamsThread {
  /** `channel`: a real thread; `chat`: a personal or group chat, where follow-ups quote the alert instead. */
  type: 'channel' | 'chat';
  /** The installation key (channel or chat id). */
  conversation: string;
  /** Where follow-ups go: `<channel>;messageid=<root>` for a channel, the chat id otherwise. */
  thread: string;
  /** The root card's activity id, for updates in place. */
  root: string;
}

function toHandle(thread: TeamsThread): ThreadHandle {
  return { type: thread.type, conversation: thread.conversation, thread: thread.thread, root: thread.root };
}

function fromHandle(handle: ThreadHandle | undefined): TeamsThread | undefined {
  if (handle === undefined) return undefined;
  const { type, conversation, thread, root } = handle;
  if ((type !== 'channel' && type !== 'chat') || !conversation || !thread || !root) return undefined;
  return { type, conversation, thread, root };
}

export interface TeamsNotifierOptions {
  transport: TeamsTransport;
  store: Store;
  logger: Logger;
  /** Longest wait for a send slot or a Retry-After before handing the message back to the outbox. */
  maxWaitMs: number;
  maxInlineImageBytes: number;
  /** PNG of the volume chart; without it the chart reply says that rendering is unavailable. */
  renderChart?: (chart: ChartView) => Buffer | Promise<Buffer>;
  /** Whether a stored reference's `serviceUrl` may be called (Bot Framework hosts in production, loopback otherwise). */
  trustedServiceUrl(url: string): boolean;
  clock?: Clock;
}

export interface TeamsNotifier extends Notifier {
  /** The root card of an incident as the notifier last drew it (with its chart when known). */
  rootCard(view: AlertView): AdaptiveCard;
  /** The last view delivered for an incident in this process, if any. */
  lastView(incidentId: string): AlertView | undefined;
}

const IN_PROCESS_RETRIES = 3;
/** Teams refuses bot messages above about 40 KB; the root card keeps its inline chart only below this. */
const MAX_CARD_BYTES = 38_000;

const NOTIFIER_CODE: Record<TeamsTransportError['code'], NotifierErrorCode> = {
  throttled: 'rate_limited',
  unavailable: 'unavailable',
  forbidden: 'not_in_channel',
  not_found: 'channel_not_found',
  unauthorized: 'unauthorized',
  rejected: 'rejected',
};

const WHAT_TO_DO: Partial<Record<NotifierErrorCode, string>> = {
  not_in_channel: 'Vigie can no longer post in this conversation (removed or blocked): add the app to it again.',
  channel_not_found: 'the conversation no longer exists on Teams: edit the plan to alert elsewhere.',
  unauthorized: 'Teams refused the bot credentials: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.',
};

/**
 * Alerts on Teams. `open` starts a new channel post (or a chat message); every other message is a reply in that
 * post's thread, and `state`/`update`/`resolve`/`chart` redraw the root card in place. Calls are paced per thread
 * under Teams' limits; a 429 or an outage is retried with a bounded wait, then handed back to the outbox as a
 * temporary NotifierError so the alert stays pending.
 */
export function createTeamsNotifier(options: TeamsNotifierOptions): TeamsNotifier {
  const { transport, store, logger } = options;
  const clock = options.clock ?? systemClock;
  const limiter = new SlidingWindowLimiter(TEAMS_THREAD_LIMITS, clock);
  const views = new Map<string, AlertView>();
  const charts = new Map<string, string>();

  const rootCard = (view: AlertView): AdaptiveCard => {
    const chart = charts.get(view.incidentId);
    if (chart !== undefined) {
      const withChart = renderAlertCard(view, { chartPngBase64: chart });
      if (Buffer.byteLength(JSON.stringify(withChart)) <= MAX_CARD_BYTES) return withChart;
    }
    return renderAlertCard(view);
  };
  const rootActivity = (view: AlertView): OutboundActivity => ({ attachments: [cardAttachment(rootCard(view))], summary: alertSummary(view) });

  const reference = async (destination: Destination): Promise<TeamsConversationRef> => {
    // Keyed by tenant; a reference stored by an older version (by conversation id alone) is still found.
    const stored =
      (await store.installations.get('teams', referenceKey(destination.workspace, destination.channel))) ??
      (await store.installations.get('teams', destination.channel));
    const parsed = TeamsConversationRefSchema.safeParse(stored);
    if (!parsed.success) {
      throw new NotifierError(
        'channel_not_found',
        `No Teams conversation reference for ${destination.channel}: add the Vigie app to that team or chat (or mention it there once).`,
      );
    }
    if (parsed.data.tenantId !== destination.workspace) {
      throw new NotifierError('rejected', `Conversation ${destination.channel} belongs to another tenant than the plan (${destination.workspace}).`);
    }
    if (!options.trustedServiceUrl(parsed.data.serviceUrl)) {
      throw new NotifierError('rejected', `The reference of ${destination.channel} names a service URL that is not a Bot Framework host.`);
    }
    return parsed.data;
  };

  /**
   * One Bot Connector operation, paced on `key` and retried in-process within `maxWaitMs`. Only operations Teams
   * did not perform are retried: a 429 always; an outage only when `idempotent` (a PUT), never a new post.
   */
  const call = async <T>(key: string, operation: string, idempotent: boolean, fn: () => Promise<T>): Promise<T> => {
    const deadline = clock.now() + options.maxWaitMs;
    for (let attempt = 0; ; attempt += 1) {
      const slot = await limiter.take(key, deadline);
      if (!slot.ok) {
        throw new NotifierError('rate_limited', `${operation}: Teams thread limit reached for ${key}`, { retryAfterMs: slot.retryAfterMs });
      }
      try {
        return await fn();
      } catch (raw) {
        const error =
          raw instanceof TeamsTransportError ? raw : new TeamsTransportError('unavailable', `${operation}: ${String(raw)}`, { cause: raw });
        const retriable = error.code === 'throttled' || (error.code === 'unavailable' && idempotent);
        const wait = error.retryAfterMs ?? 500 * 2 ** attempt;
        if (retriable && attempt < IN_PROCESS_RETRIES && clock.now() + wait <= deadline) {
          logger.debug('teams: retrying', { operation, key, attempt: attempt + 1, waitMs: wait, code: error.code });
          await clock.sleep(wait);
          continue;
        }
        const code = NOTIFIER_CODE[error.code];
        const advice = WHAT_TO_DO[code];
        throw new NotifierError(code, `${error.message}${advice ? ` — ${advice}` : ''}`, {
          ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          cause: error,
        });
      }
    }
  };

  const reply = (ref: TeamsConversationRef, thread: TeamsThread, operation: string, activity: OutboundActivity) =>
    call(thread.thread, operation, false, () => transport.send(ref, thread.thread, activity));

  /** Redraw the root card. After a reply it is a courtesy (the next redraw catches up), so it never fails the message. */
  const redraw = async (ref: TeamsConversationRef, thread: TeamsThread, view: AlertView, required: boolean): Promise<void> => {
    try {
      await call(thread.thread, 'update root card', true, () => transport.update(ref, thread.thread, thread.root, rootActivity(view)));
    } catch (error) {
      if (required) throw error;
      logger.warn('teams: root card not redrawn', { incident: view.incidentId, plan: view.planId, error });
    }
  };

  const cardReply = (content: AdaptiveCard): OutboundActivity => ({ attachments: [cardAttachment(content)] });

  const escalationContacts = async (ref: TeamsConversationRef, view: AlertView): Promise<Array<{ id: string; name: string }>> =>
    Promise.all(
      view.escalation.slice(0, 10).map(async (id) => {
        try {
          return (await call(ref.conversationId, 'get member', true, () => transport.member(ref, id))) ?? { id, name: id };
        } catch (error) {
          logger.debug('teams: escalation contact not resolved', { incident: view.incidentId, error });
          return { id, name: id };
        }
      }),
    );

  const chartPng = async (view: AlertView, chart: ChartView): Promise<{ pngBase64?: string; tooLargeKb?: number }> => {
    if (options.renderChart === undefined) return {};
    let base64: string;
    try {
      base64 = Buffer.from(await options.renderChart(chart)).toString('base64');
    } catch (error) {
      logger.error('teams: chart rendering failed', { incident: view.incidentId, plan: view.planId, error });
      return {};
    }
    if (base64.length > options.maxInlineImageBytes) return { tooLargeKb: Math.ceil(base64.length / 1024) };
    return { pngBase64: base64 };
  };

  const open = async (ref: TeamsConversationRef, view: AlertView, context: DeliveryContext): Promise<ThreadHandle> => {
    // A restart may deliver `open` again: the thread saved right after the first post wins, never a second root.
    const existing = fromHandle((await store.threads.get(view.incidentId, 'teams'))?.ref);
    if (existing !== undefined) {
      logger.info('teams: incident already has a root post, not posting another', { incident: view.incidentId, plan: view.planId });
      return toHandle(existing);
    }
    if (context.firstTriedAt !== undefined) {
      // The Bot Framework lets a bot search no conversation: a root Teams created before a crash cannot be found.
      logger.warn('teams: posting a root that an earlier, unconfirmed try may already have posted (Teams has no history search)', {
        incident: view.incidentId,
        plan: view.planId,
        firstTriedAt: new Date(context.firstTriedAt).toISOString(),
      });
    }
    let thread: TeamsThread;
    if (ref.conversationType === 'channel') {
      const created = await call(ref.conversationId, 'create channel thread', false, () => transport.createChannelThread(ref, rootActivity(view)));
      thread = { type: 'channel', conversation: ref.conversationId, thread: created.conversationId, root: created.activityId };
    } else {
      const sent = await call(ref.conversationId, 'post alert', false, () => transport.send(ref, ref.conversationId, rootActivity(view)));
      thread = { type: 'chat', conversation: ref.conversationId, thread: ref.conversationId, root: sent.id };
    }
    await store.threads.save({ incidentId: view.incidentId, platform: 'teams', ref: toHandle(thread) });
    logger.info('teams: alert posted', { incident: view.incidentId, plan: view.planId, conversation: ref.conversationId, root: thread.root });
    return toHandle(thread);
  };

  /** A message of its own (a competitor's crisis): a new channel thread or a chat post, saved so it is not posted twice. */
  const standalone = async (ref: TeamsConversationRef, view: AlertView, activity: OutboundActivity): Promise<ThreadHandle> => {
    const existing = fromHandle((await store.threads.get(view.incidentId, 'teams'))?.ref);
    if (existing !== undefined) return toHandle(existing);
    let thread: TeamsThread;
    if (ref.conversationType === 'channel') {
      const created = await call(ref.conversationId, 'create channel thread', false, () => transport.createChannelThread(ref, activity));
      thread = { type: 'channel', conversation: ref.conversationId, thread: created.conversationId, root: created.activityId };
    } else {
      const sent = await call(ref.conversationId, 'post context', false, () => transport.send(ref, ref.conversationId, activity));
      thread = { type: 'chat', conversation: ref.conversationId, thread: ref.conversationId, root: sent.id };
    }
    await store.threads.save({ incidentId: view.incidentId, platform: 'teams', ref: toHandle(thread) });
    return toHandle(thread);
  };

  return {
    platform: 'teams',
    async postDigest(digest, destination) {
      const ref = await reference(destination);
      const [title = '', ...rest] = digestLines(digest, translator(digest.locale));
      const activity = cardReply(
        card(digest.locale, [text(title, { size: 'Medium', weight: 'Bolder' }), ...rest.map((line) => text(line, { spacing: 'Small' }))]),
      );
      // A channel gets a new post (its own thread); a chat a message.
      if (ref.conversationType === 'channel')
        await call(ref.conversationId, 'post digest', false, () => transport.createChannelThread(ref, activity));
      else await call(ref.conversationId, 'post digest', false, () => transport.send(ref, ref.conversationId, activity));
    },
    rootCard,
    lastView: (incidentId) => views.get(incidentId),

    async deliver(
      message: AlertMessage,
      destination: Destination,
      handle: ThreadHandle | undefined,
      context: DeliveryContext = {},
    ): Promise<ThreadHandle | undefined> {
      const view = message.view;
      views.set(view.incidentId, view);
      const ref = await reference(destination);
      if (message.kind === 'open') return open(ref, view, context);
      if (message.kind === 'competitor') return standalone(ref, view, cardReply(renderCompetitorCard(view, message.competitor)));
      if (message.kind === 'remind_dm') {
        await call(message.user, 'direct reminder', false, () =>
          transport.createDirectChat(ref, message.user, renderRemindDirect(view, message.afterMs)),
        );
        return;
      }

      const thread = fromHandle(handle) ?? fromHandle((await store.threads.get(view.incidentId, 'teams'))?.ref);
      if (thread === undefined) {
        throw new NotifierError('rejected', `No Teams thread for incident ${view.incidentId}: its alert was never posted.`);
      }
      const lead: CardElement[] = thread.type === 'chat' ? [referenceLine(view)] : [];
      switch (message.kind) {
        case 'state':
          await redraw(ref, thread, view, true);
          return;
        case 'update':
          await reply(ref, thread, 'post update', cardReply(renderUpdateCard(view, message.previous, lead)));
          await redraw(ref, thread, view, false);
          return;
        case 'resolve':
          await reply(ref, thread, 'post resolution', cardReply(renderResolutionCard(view, lead)));
          await redraw(ref, thread, view, false);
          views.delete(view.incidentId);
          charts.delete(view.incidentId);
          return;
        case 'escalate': {
          const activity = renderEscalation(view, message.by, await escalationContacts(ref, view));
          if (thread.type === 'chat') activity.attachments = [cardAttachment(card(view.locale, lead))];
          await reply(ref, thread, 'post escalation', activity);
          return;
        }
        case 'remind': {
          const activity = renderRemind(view, message.afterMs, await escalationContacts(ref, view));
          if (thread.type === 'chat') activity.attachments = [cardAttachment(card(view.locale, lead))];
          await reply(ref, thread, 'post reminder', activity);
          return;
        }
        case 'suggestions':
          await reply(ref, thread, 'post suggestions', cardReply(renderSuggestionCard(view, message.suggestion, lead)));
          return;
        case 'chart': {
          const png = await chartPng(view, message.chart);
          await reply(ref, thread, 'post chart', cardReply(renderChartCard(view, png, lead)));
          if (png.pngBase64 === undefined) return;
          charts.set(view.incidentId, png.pngBase64);
          await redraw(ref, thread, view, false);
          return;
        }
      }
    },
  };
}
