import type { Application } from 'express';
import type { CommandService } from '../../core/commands/types.js';
import type { SourceKind } from '../../core/mention.js';
import type { Platform } from '../../core/plan.js';
import type { Logger } from '../../log.js';
import type { Notifier } from '../../platforms/notifier.js';
import { teamsWanted } from '../../platforms/teams/settings.js';
import type { Store } from '../../store/store.js';
import { createSecretBox } from '../../store/secret-box.js';
import type { VigieSettings } from '../settings.js';

export interface RunningPlatform {
  readonly platform: Exclude<Platform, 'local'>;
  stop(): Promise<void>;
}

/**
 * Slack and Teams, each started only when its settings are present. Their SDKs are imported here and nowhere else
 * on the start path, so that local mode never loads Bolt or botbuilder (tens of MiB and most of a second each).
 */
export async function startPlatforms(
  settings: VigieSettings['platforms'],
  ports: {
    express: Application;
    commands: CommandService;
    store: Store;
    notifiers: Map<Platform, Notifier>;
    kinds: () => readonly SourceKind[];
    logger: Logger;
    now: () => number;
  },
): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  const { express, commands, store, logger, now } = ports;
  if (settings.slack) {
    const { startSlack } = await import('../../platforms/slack/index.js');
    const slack = await startSlack({
      settings: settings.slack,
      express,
      commands,
      store,
      logger,
      locale: () => settings.locale,
      kinds: ports.kinds,
      now,
      secrets: createSecretBox(settings.secrets),
    });
    ports.notifiers.set('slack', slack.notifier);
    running.push({ platform: 'slack', stop: () => slack.stop() });
  }
  if (teamsWanted(settings.teams)) {
    const { startTeams } = await import('../../platforms/teams/index.js');
    const teams = await startTeams({ settings: settings.teams, express, commands, store, logger, now });
    ports.notifiers.set('teams', teams.notifier);
    running.push({ platform: 'teams', stop: () => teams.stop() });
  }
  return running;
}
