import type express from 'express';
import { z } from 'zod';

/**
 * The narrow port between Vigie's Teams code and a Bot Framework SDK. Everything else in this folder speaks only
 * these types (plain Bot Framework activity JSON), so replacing botbuilder (archived upstream) with the Teams SDK
 * means writing one new implementation of `TeamsTransport` next to `botbuilder/`.
 */

const AccountSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

/** The part of an inbound Bot Framework activity that Vigie reads. Unknown fields are kept, never required. */
export const InboundActivitySchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  channelId: z.string().optional(),
  serviceUrl: z.string(),
  locale: z.string().optional(),
  /** The sender's IANA time zone, as their Teams client reports it (`Africa/Casablanca`). */
  localTimezone: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  from: AccountSchema,
  recipient: AccountSchema,
  conversation: z.looseObject({
    id: z.string(),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().optional(),
  }),
  channelData: z
    .looseObject({
      tenant: z.object({ id: z.string() }).optional(),
      team: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
      channel: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
      eventType: z.string().optional(),
    })
    .optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  membersAdded: z.array(AccountSchema).optional(),
  membersRemoved: z.array(AccountSchema).optional(),
});
export type InboundActivity = z.infer<typeof InboundActivitySchema>;

export const CONVERSATION_TYPES = ['channel', 'groupChat', 'personal'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/**
 * Everything needed to reach one conversation proactively, stored at install (or first mention) in
 * `store.installations` under the conversation key (the channel id for a team channel).
 */
export const TeamsConversationRefSchema = z.object({
  serviceUrl: z.string().min(1),
  tenantId: z.string().min(1),
  /** Channel id (`19:…@thread.tacv2`) for a team channel, chat id otherwise; never with a `;messageid=` suffix. */
  conversationId: z.string().min(1),
  conversationType: z.enum(CONVERSATION_TYPES),
  teamId: z.string().optional(),
  /** The bot's own account as Teams addresses it (`28:<app id>`). */
  botId: z.string().min(1),
  botName: z.string().optional(),
});
export type TeamsConversationRef = z.infer<typeof TeamsConversationRefSchema>;

export interface Attachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** What Vigie sends: a message with Markdown text and/or attachments (Adaptive Cards). */
export interface OutboundActivity {
  text?: string;
  textFormat?: 'markdown' | 'plain' | 'xml';
  summary?: string;
  attachments?: Attachment[];
  entities?: MentionEntity[];
}

/** The HTTP answer to an `invoke` activity (an Adaptive Card action): its status and JSON body. */
export interface InvokeResult {
  status: number;
  body?: unknown;
}

/** One inbound activity being handled, with the means to answer in the same conversation. */
export interface TeamsTurn {
  activity: InboundActivity;
  /** Reply in the conversation the activity came from (in its thread for a channel post). Returns the new id. */
  reply(activity: OutboundActivity): Promise<string>;
  /** Replace an activity already posted in this conversation (e.g. the card an `Action.Submit` came from). */
  update(activityId: string, activity: OutboundActivity): Promise<void>;
}

/** Handle one activity; return an invoke result for `invoke` activities. Throwing answers HTTP 500. */
export type TurnHandler = (turn: TeamsTurn) => Promise<InvokeResult | undefined>;

export interface TeamsTransport {
  /** Whether inbound requests are authenticated (false only in local Emulator-protocol mode). */
  readonly authenticated: boolean;
  /** Mount the messaging endpoint (POST) on an express app. */
  mount(app: express.Application, path: string, onTurn: TurnHandler): void;
  /**
   * Start a new thread in a team channel with `activity` as its root post. Returns the thread's conversation id
   * (`<channel>;messageid=<root>`) and the root activity id.
   */
  createChannelThread(ref: TeamsConversationRef, activity: OutboundActivity): Promise<{ conversationId: string; activityId: string }>;
  /** Open a one-to-one chat with a user of the tenant and post `activity` in it (a reminder's direct message). */
  createDirectChat(ref: TeamsConversationRef, userId: string, activity: OutboundActivity): Promise<void>;
  /** Post to a conversation (a chat, or a channel thread when `conversationId` carries `;messageid=`). */
  send(ref: TeamsConversationRef, conversationId: string, activity: OutboundActivity): Promise<{ id: string }>;
  /** Replace a posted activity (the root card of an alert). */
  update(ref: TeamsConversationRef, conversationId: string, activityId: string, activity: OutboundActivity): Promise<void>;
  /** A member of the conversation by user id (`29:…` or Entra object id), for the display name of a mention. */
  member(ref: TeamsConversationRef, userId: string): Promise<{ id: string; name: string } | undefined>;
}

export type TeamsTransportErrorCode = 'throttled' | 'forbidden' | 'not_found' | 'unauthorized' | 'unavailable' | 'rejected';

/** A failed Bot Connector call, classified so the notifier can decide between retrying and giving up. */
export class TeamsTransportError extends Error {
  readonly code: TeamsTransportErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(code: TeamsTransportErrorCode, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'TeamsTransportError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The root activity id carried by a thread conversation id (Teams marks a channel thread by suffixing the channel
 * id: `19:…@thread.tacv2;messageid=<root activity id>`), or undefined for a plain channel or chat id.
 */
export function rootIdOf(conversationId: string): string | undefined {
  const match = /;messageid=([^;]+)$/.exec(conversationId);
  return match?.[1];
}

/** A conversation id without its thread suffix. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}
