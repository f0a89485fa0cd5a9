import type { webApi } from '@slack/bolt';
import { windowWords } from '../../chart/time.js';
import type { AlertView } from '../../core/alert-view.js';
import type { Destination } from '../../core/plan.js';
import { t, translator } from '../../i18n/catalog.js';
import type { Logger } from '../../log.js';
import type { ThreadRepo } from '../../store/store.js';
import { type AlertMessage, type DeliveryContext, type Notifier, NotifierError, type NotifierErrorCode, type ThreadHandle } from '../notifier.js';
import { digestLines } from '../digest-text.js';
import { LIMITS, clip, escapeText, header, sections } from './blocks.js';
import { ChannelQueue } from './channel-queue.js';
import type { WorkspaceClients } from './clients.js';
import { renderEscalation, renderParent, renderResolution, renderSuggestions, renderUpdate, type SlackMessage } from './render.js';
import { isSlackUserId, renderCompetitor, renderRemind, renderRemindDirect } from './teamfit-render.js';

export interface SlackNotifierOptions {
  /** The client of the plan's workspace (`destination.workspace`, a Slack team id): alerts go out with its token only. */
  clients: WorkspaceClients;
  /** Thread handles saved as soon as a parent is posted: a restart never posts a second parent. */
  threads: ThreadRepo;
  logger: Logger;
  renderChart: (chart: Extract<AlertMessage, { kind: 'chart' }>['chart']) => Promise<Buffer>;
  channelIntervalMs: number;
  maxRateLimitWaitMs: number;
}

/** The Slack reference of an incident's parent message. */
export interface SlackThread {
  channel: string;
  ts: string;
}

const RATE_LIMIT_ATTEMPTS = 3;

/** The event type of a parent's message metadata: every parent names its incident, so it can be found again. */
export const PARENT_EVENT = 'vigie_incident_opened';
/** The history search starts this long before the first try: the instance's clock and Slack's may differ. */
const LOOKBACK_MARGIN_MS = 2 * 60_000;
/** A bounded search: at most this many pages of this many messages, newest first, since the first try. */
const HISTORY_PAGE_SIZE = 200;
const HISTORY_PAGES = 5;

function parentMetadata(incidentId: string): { event_type: string; event_payload: { incident_id: string } } {
  return { event_type: PARENT_EVENT, event_payload: { incident_id: incidentId } };
}

// Slack's `ok:false` error names, by what the outbox should do about them.
const PLATFORM_ERRORS: Record<string, NotifierErrorCode> = {
  not_in_channel: 'not_in_channel',
  channel_not_found: 'channel_not_found',
  is_archived: 'channel_not_found',
  invalid_auth: 'unauthorized',
  not_authed: 'unauthorized',
  token_revoked: 'unauthorized',
  token_expired: 'unauthorized',
  account_inactive: 'unauthorized',
  missing_scope: 'unauthorized',
  ratelimited: 'rate_limited',
  fatal_error: 'unavailable',
  internal_error: 'unavailable',
  service_unavailable: 'unavailable',
  request_timeout: 'unavailable',
};

interface WebApiFailure {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

/** Slack's own error name behind a failure (`not_in_channel`, `message_not_found`…), when Slack gave one. */
function slackErrorOf(error: unknown): string | undefined {
  const cause = error instanceof NotifierError ? error.cause : error;
  return (cause as WebApiFailure | undefined)?.data?.error;
}

function isThread(ref: ThreadHandle | undefined): ref is ThreadHandle & SlackThread {
  return typeof ref?.channel === 'string' && typeof ref.ts === 'string';
}

/** Web API failures as NotifierErrors: temporary ones are retried by the outbox, the others need a human. */
export function toNotifierError(error: unknown, method: string): NotifierError {
  if (error instanceof NotifierError) return error;
  const failure = error as WebApiFailure;
  switch (failure.code) {
    case 'slack_webapi_rate_limited_error':
      return new NotifierError('rate_limited', `${method}: rate limited`, { retryAfterMs: (failure.retryAfter ?? 1) * 1000, cause: error });
    case 'slack_webapi_platform_error': {
      const name = failure.data?.error ?? 'unknown';
      return new NotifierError(PLATFORM_ERRORS[name] ?? 'rejected', `${method}: Slack answered ${name}`, { cause: error });
    }
    case 'slack_webapi_http_error':
      return new NotifierError('unavailable', `${method}: HTTP ${failure.statusCode ?? '?'} after retries`, { cause: error });
    case 'slack_webapi_request_error':
      return new NotifierError('unavailable', `${method}: Slack could not be reached`, { cause: error });
    default:
      return new NotifierError('rejected', `${method}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Incident threads in Slack: the parent with `chat.postMessage`, everything else in its thread, the parent refreshed
 * with `chat.update`, the chart uploaded into the thread with `files.uploadV2`.
 */
export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const { threads, logger } = options;
  const queue = new ChannelQueue(options.channelIntervalMs);

  /** One Web API call into `channel`, in its queue, waiting out short 429s and handing long ones to the outbox. */
  async function call<T>(channel: string, method: string, task: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await queue.run(channel, task);
      } catch (error) {
        const failure = toNotifierError(error, method);
        if (failure.code !== 'rate_limited') throw failure;
        const waitMs = failure.retryAfterMs ?? 1000;
        queue.pause(channel, waitMs);
        logger.warn('slack rate limit', { method, channel, retryAfterMs: waitMs, attempt });
        if (waitMs > options.maxRateLimitWaitMs || attempt >= RATE_LIMIT_ATTEMPTS) throw failure;
      }
    }
  }

  /** A reply in an incident's thread. */
  async function post(client: webApi.WebClient, channel: string, message: SlackMessage, thread: SlackThread, broadcast = false): Promise<void> {
    await call(channel, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        thread_ts: thread.ts,
        reply_broadcast: broadcast,
      }),
    );
  }

  /** A message of its own, outside any thread (a competitor's crisis, a reminder's direct message, a parent). */
  async function postAlone(
    client: webApi.WebClient,
    channel: string,
    message: SlackMessage,
    metadata?: ReturnType<typeof parentMetadata>,
  ): Promise<SlackThread> {
    const result = await call(channel, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(metadata ? { metadata } : {}),
      }),
    );
    if (typeof result.ts !== 'string') throw new NotifierError('rejected', 'chat.postMessage: no ts in the answer');
    return { channel: typeof result.channel === 'string' ? result.channel : channel, ts: result.ts };
  }

  /** A parent: sent once (no retry inside the client: Slack may have posted it although the answer was lost), with its incident in the metadata. */
  async function postParent(client: webApi.WebClient, channel: string, view: AlertView): Promise<SlackThread> {
    return postAlone(client, channel, renderParent(view), parentMetadata(view.incidentId));
  }

  async function refresh(client: webApi.WebClient, thread: SlackThread, view: AlertView): Promise<void> {
    const message = renderParent(view);
    await call(thread.channel, 'chat.update', () =>
      client.chat.update({
        channel: thread.channel,
        ts: thread.ts,
        text: message.text,
        blocks: message.blocks,
        metadata: parentMetadata(view.incidentId),
      }),
    );
  }

  /**
   * The ts of this incident's parent if an earlier try posted it: the channel's history since a little before that
   * try, bounded, read for the parent's metadata. Without the history scopes (or the bot not in the channel) it
   * cannot look, says so in the log and lets the parent be posted; an outage or a rate limit is left to the outbox.
   */
  async function findParent(client: webApi.WebClient, channel: string, incidentId: string, firstTriedAt: number): Promise<string | undefined> {
    const oldest = (Math.max(0, firstTriedAt - LOOKBACK_MARGIN_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const result = await call(channel, 'conversations.history', () =>
          client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
        );
        const found = (result.messages ?? [])
          .filter(
            (m) =>
              m.metadata?.event_type === PARENT_EVENT &&
              (m.metadata.event_payload as Record<string, unknown> | undefined)?.incident_id === incidentId,
          )
          .map((m) => m.ts)
          .filter((ts): ts is string => typeof ts === 'string')
          .sort((a, b) => Number(a) - Number(b));
        if (found[0] !== undefined) return found[0];
        cursor = result.response_metadata?.next_cursor;
        if (result.has_more !== true || !cursor) return undefined;
      }
      logger.warn('slack history search for an unconfirmed parent stopped at its bound', {
        incident: incidentId,
        channel,
        messages: HISTORY_PAGES * HISTORY_PAGE_SIZE,
      });
      return undefined;
    } catch (error) {
      const failure = toNotifierError(error, 'conversations.history');
      if (failure.temporary) throw failure;
      logger.warn('cannot look for an unconfirmed slack parent; posting it (it may appear twice)', {
        incident: incidentId,
        channel,
        code: failure.code,
        slackError: slackErrorOf(failure),
      });
      return undefined;
    }
  }

  async function threadOf(incidentId: string, given: ThreadHandle | undefined): Promise<SlackThread | undefined> {
    if (isThread(given)) return { channel: given.channel, ts: given.ts };
    const saved = await threads.get(incidentId, 'slack');
    return isThread(saved?.ref) ? { channel: saved.ref.channel, ts: saved.ref.ts } : undefined;
  }

  async function open(
    client: webApi.WebClient,
    view: AlertView,
    destination: Destination,
    given: ThreadHandle | undefined,
    context: DeliveryContext,
  ): Promise<ThreadHandle> {
    const existing = await threadOf(view.incidentId, given);
    if (existing !== undefined) {
      // Delivered before a crash or a lost confirmation: refresh that parent rather than post a second one.
      logger.info('incident already has a slack thread', { incident: view.incidentId, ts: existing.ts });
      try {
        await refresh(client, existing, view);
        return { ...existing };
      } catch (error) {
        if (slackErrorOf(error) !== 'message_not_found') throw error;
        logger.warn('the parent of an incident was deleted in slack; posting it again', { incident: view.incidentId, ts: existing.ts });
      }
    }
    if (existing === undefined && context.firstTriedAt !== undefined) {
      // Claimed before and never confirmed: the earlier try may have posted it (a crash, a lost answer).
      const ts = await findParent(client, destination.channel, view.incidentId, context.firstTriedAt);
      if (ts !== undefined) {
        const adopted = { channel: destination.channel, ts };
        logger.info('unconfirmed slack parent found in the channel and adopted, not posted again', { incident: view.incidentId, ts });
        await threads.save({ incidentId: view.incidentId, platform: 'slack', ref: { ...adopted } });
        await refresh(client, adopted, view);
        return { ...adopted };
      }
    }
    const thread = await postParent(await options.clients(destination.workspace, 'once'), destination.channel, view);
    await threads.save({ incidentId: view.incidentId, platform: 'slack', ref: { ...thread } });
    return { ...thread };
  }

  async function deliver(
    message: AlertMessage,
    destination: Destination,
    given: ThreadHandle | undefined,
    context: DeliveryContext,
  ): Promise<ThreadHandle | undefined> {
    const { view } = message;
    const client = await options.clients(destination.workspace);
    if (message.kind === 'open') return open(client, view, destination, given, context);
    if (message.kind === 'competitor') {
      // Delivered before a crash or a lost confirmation: not posted twice.
      const existing = await threadOf(view.incidentId, given);
      if (existing !== undefined) return { ...existing };
      const posted = await postAlone(client, destination.channel, renderCompetitor(view, message.competitor));
      await threads.save({ incidentId: view.incidentId, platform: 'slack', ref: { ...posted } });
      return { ...posted };
    }
    if (message.kind === 'remind_dm') {
      if (!isSlackUserId(message.user)) throw new NotifierError('rejected', `reminder: "${message.user}" is not a Slack user id`);
      const opened = await call(message.user, 'conversations.open', () => client.conversations.open({ users: message.user }));
      const dm = opened.channel?.id;
      if (typeof dm !== 'string') throw new NotifierError('rejected', 'conversations.open: no channel in the answer');
      await postAlone(client, dm, renderRemindDirect(view, message.afterMs));
      return;
    }
    const thread = await threadOf(view.incidentId, given);
    if (thread === undefined) {
      throw new NotifierError('rejected', `no slack thread for incident ${view.incidentId}: its alert was never opened`);
    }
    switch (message.kind) {
      case 'update':
        await post(client, thread.channel, renderUpdate(view, message.previous), thread);
        return;
      case 'state':
        await refresh(client, thread, view);
        return;
      case 'resolve':
        await refresh(client, thread, view);
        await post(client, thread.channel, renderResolution(view), thread);
        return;
      case 'escalate':
        await post(client, thread.channel, renderEscalation(view, message.by), thread, true);
        return;
      case 'remind':
        await post(client, thread.channel, renderRemind(view, message.afterMs), thread, true);
        return;
      case 'suggestions':
        await post(client, thread.channel, renderSuggestions(view, message.suggestion), thread);
        return;
      case 'chart': {
        const png = await options.renderChart(message.chart);
        await call(thread.channel, 'files.uploadV2', () =>
          client.filesUploadV2({
            channel_id: thread.channel,
            thread_ts: thread.ts,
            file: png,
            filename: `vigie-${view.incidentId}.png`,
            title: message.chart.title,
            alt_text: t(message.chart.locale, 'chart.alt', { title: message.chart.title, ...windowWords(message.chart) }),
          }),
        );
        return;
      }
    }
  }

  return {
    platform: 'slack',
    async postDigest(digest, destination) {
      const [title = '', ...rest] = digestLines(digest, translator(digest.locale));
      const client = await options.clients(destination.workspace);
      try {
        // A top-level post of its own (no thread): the digest's claim and lease keep it to one per period.
        await postAlone(client, destination.channel, {
          text: clip(title, LIMITS.fallbackText),
          blocks: [header(title), ...sections(escapeText(rest.join('\n')))],
        });
      } catch (error) {
        throw toNotifierError(error, 'digest');
      }
    },
    deliver: async (message, destination, thread, context = {}) => {
      try {
        return await deliver(message, destination, thread, context);
      } catch (error) {
        const failure = toNotifierError(error, message.kind);
        logger.warn('slack delivery failed', {
          incident: message.view.incidentId,
          plan: message.view.planId,
          kind: message.kind,
          code: failure.code,
          error: failure.message,
        });
        throw failure;
      }
    },
  };
}
