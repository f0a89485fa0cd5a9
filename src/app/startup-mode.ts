import type { MessageKey } from '../i18n/catalog.js';
import { teamsWanted } from '../platforms/teams/settings.js';
import type { VigieSettings } from './settings.js';

/** One platform Vigie starts, and the settings that made it start. */
export interface ModeChoice {
  mode: 'local' | 'slack-socket' | 'slack-http' | 'slack-oauth' | 'teams' | 'teams-emulator';
  /** The sentence that says which settings decided it. */
  reason: MessageKey;
}

/**
 * Which platforms start, and why: said at start-up so that a token missing from `.env` shows as "local mode because
 * no Slack or Teams setting is set", not as a bot that silently never answers in Slack.
 */
export function modeChoices(platforms: VigieSettings['platforms']): ModeChoice[] {
  const choices: ModeChoice[] = [];
  const slack = platforms.slack;
  if (slack?.oauth) choices.push({ mode: 'slack-oauth', reason: 'startup.mode.slackOauth' });
  else if (slack?.appToken) choices.push({ mode: 'slack-socket', reason: 'startup.mode.slackSocket' });
  else if (slack) choices.push({ mode: 'slack-http', reason: 'startup.mode.slackHttp' });
  if (teamsWanted(platforms.teams)) {
    choices.push(
      platforms.teams.appId ? { mode: 'teams', reason: 'startup.mode.teams' } : { mode: 'teams-emulator', reason: 'startup.mode.teamsEmulator' },
    );
  }
  return choices.length > 0 ? choices : [{ mode: 'local', reason: 'startup.mode.local' }];
}
