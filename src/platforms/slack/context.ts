import type { CommandContext } from '../../core/commands/types.js';
import type { Locale } from '../../i18n/locale.js';

/** Who acts, where: plans are scoped to the Slack workspace (team) and alert the channel they were created in. */
export function commandContext(team: string, channel: string, user: string, locale: Locale): CommandContext {
  return { scope: { platform: 'slack', workspace: team }, channel, user, locale };
}
