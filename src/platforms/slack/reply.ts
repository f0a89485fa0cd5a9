import type { Reply, ReplyLine } from '../../core/commands/types.js';
import type { Locale } from '../../i18n/locale.js';
import type { Params } from '../../i18n/catalog.js';
import { replyText } from '../reply-text.js';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
/** Reply parameters that hold a user id, a list of user ids, or a channel id (see the `cmd.` catalogue). */
const USER_PARAMS = new Set(['user', 'by', 'createdBy']);
const USER_LIST_PARAMS = new Set(['contacts']);
const CHANNEL_PARAMS = new Set(['channel']);

/** `U123` → `<@U123>`, so that Slack shows the person's name; anything that is not a user id stays as it is. */
export function userMention(value: string): string {
  return USER_ID.test(value) ? `<@${value}>` : value;
}

/** `C123` → `<#C123>`, so that Slack shows the channel's name. */
export function channelMention(value: string): string {
  return CHANNEL_ID.test(value) ? `<#${value}>` : value;
}

function slackParam(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (USER_PARAMS.has(name)) return userMention(value);
  if (CHANNEL_PARAMS.has(name)) return channelMention(value);
  if (USER_LIST_PARAMS.has(name)) return value.split(/,\s*/).map(userMention).join(', ');
  return value;
}

function slackLine(line: ReplyLine): ReplyLine {
  if (line.params === undefined) return line;
  const params = Object.fromEntries(Object.entries(line.params).map(([name, value]) => [name, slackParam(name, value)])) as Params;
  return { ...line, params };
}

/** A command reply in Slack's words: the core gives ids, Slack shows the people and channels they name. */
export function slackReplyText(reply: Reply, locale: Locale): string {
  return replyText({ ...reply, lines: reply.lines.map(slackLine) }, locale);
}
