import type { Scope } from '../../core/plan.js';
import { LocaleSchema, type Locale } from '../../i18n/locale.js';
import { baseConversationId, CONVERSATION_TYPES, type ConversationType, type InboundActivity, type TeamsConversationRef } from './port.js';
import { canonicalTimeZone } from '../../core/time-zone.js';

export function conversationType(activity: InboundActivity): ConversationType {
  const declared = activity.conversation.conversationType;
  if ((CONVERSATION_TYPES as readonly string[]).includes(declared ?? '')) return declared as ConversationType;
  return activity.conversation.isGroup === true ? 'groupChat' : 'personal';
}

/** The Bot Framework Emulator (local mode) sends no tenant: its conversations form one local workspace. */
export const EMULATOR_TENANT = 'emulator';

export function tenantOf(activity: InboundActivity): string | undefined {
  const tenant = activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
  return tenant ?? (activity.channelId === 'emulator' ? EMULATOR_TENANT : undefined);
}

/**
 * The store key of a conversation reference: tenant first, so that a conversation id sent from one tenant can never
 * replace or be read as another tenant's reference.
 */
export function referenceKey(tenantId: string, conversationId: string): string {
  return `${tenantId}/${conversationId}`;
}

/** Where plans created from this activity alert: the team channel (not the thread), or the chat. */
export function conversationKey(activity: InboundActivity): string {
  return activity.channelData?.channel?.id ?? baseConversationId(activity.conversation.id);
}

export function scopeOf(activity: InboundActivity): Scope | undefined {
  const tenant = tenantOf(activity);
  return tenant === undefined ? undefined : { platform: 'teams', workspace: tenant };
}

/** The sender's time zone when their client sent a valid one: a new plan takes it (`set <plan> timezone` changes it). */
export function timeZoneOf(activity: InboundActivity): string | undefined {
  return activity.localTimezone === undefined ? undefined : canonicalTimeZone(activity.localTimezone);
}

/** The reader's language from the Teams client's (`fr-FR` → fr, `ar-MA` → ar); English for any other. */
export function localeOf(activity: InboundActivity): Locale {
  const parsed = LocaleSchema.safeParse(activity.locale?.toLowerCase().split('-')[0]);
  return parsed.success ? parsed.data : 'en';
}

/** The display name of the person acting, as shown on cards ("acknowledged by …"). */
export function actorOf(activity: InboundActivity): string {
  return activity.from.name ?? activity.from.aadObjectId ?? activity.from.id;
}

export function referenceOf(activity: InboundActivity): TeamsConversationRef | undefined {
  const tenantId = tenantOf(activity);
  if (tenantId === undefined) return undefined;
  const type = conversationType(activity);
  const ref: TeamsConversationRef = {
    serviceUrl: activity.serviceUrl,
    tenantId,
    conversationId: conversationKey(activity),
    conversationType: type,
    botId: activity.recipient.id,
  };
  if (activity.recipient.name !== undefined) ref.botName = activity.recipient.name;
  const team = activity.channelData?.team?.id;
  if (team !== undefined) ref.teamId = team;
  return ref;
}

interface MentionLike {
  type: string;
  text?: unknown;
  mentioned?: { id?: unknown };
}

/** Mentions of the bot itself in a message. */
function botMentions(activity: InboundActivity): MentionLike[] {
  return (activity.entities ?? []).map((e) => e as MentionLike).filter((m) => m.type === 'mention' && m.mentioned?.id === activity.recipient.id);
}

export function mentionsBot(activity: InboundActivity): boolean {
  return botMentions(activity).length > 0;
}

/** The command text: the message without the bot's `<at>…</at>` mention(s), Teams' HTML entities and spaces tidied. */
export function commandText(activity: InboundActivity): string {
  let out = activity.text ?? '';
  for (const mention of botMentions(activity)) {
    if (typeof mention.text === 'string') out = out.split(mention.text).join(' ');
  }
  return out
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
