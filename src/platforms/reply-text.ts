import type { Reply } from '../core/commands/types.js';
import type { Locale } from '../i18n/locale.js';
import { t } from '../i18n/catalog.js';

/**
 * A command reply as plain text (mrkdwn-compatible): one catalogue line per reply line, in the language of the plan
 * it is about, else in `locale` (the caller's).
 */
export function replyText(reply: Reply, locale: Locale): string {
  return reply.lines.map((line) => t(reply.locale ?? locale, line.key, line.params)).join('\n');
}
