import type express from 'express';
import { buildAlertView, type ChartView } from '../../core/alert-view.js';
import type { CommandService } from '../../core/commands/types.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { Notifier } from '../notifier.js';
import { createTeamsBot } from './bot.js';
import { createBotbuilderTransport } from './botbuilder/transport.js';
import { renderTeamsChartPng } from './chart.js';
import { createTeamsNotifier } from './notifier.js';
import type { TeamsTransport } from './port.js';
import type { Clock } from './rate-limit.js';
import type { TeamsSettings } from './settings.js';
import { serviceUrlTrusted } from './service-url.js';

export { TeamsSettingsSchema, teamsWanted, type TeamsSettings, type TeamsSettingsInput } from './settings.js';

export interface StartTeamsOptions {
  settings: TeamsSettings;
  /** The shared HTTP app: the messaging endpoint is mounted on it at `settings.path`. */
  express: express.Application;
  commands: CommandService;
  store: Store;
  logger: Logger;
  /** PNG of the volume chart; by default drawn 480 px wide to fit in a Teams message. */
  renderChart?: (chart: ChartView) => Buffer | Promise<Buffer>;
  /** Another Bot Framework transport (the Teams SDK one day); botbuilder's CloudAdapter by default. */
  transport?: TeamsTransport;
  clock?: Clock;
  now?: () => number;
}

export interface TeamsRuntime {
  notifier: Notifier;
  stop(): Promise<void>;
}

/** Microsoft Teams: the bot on `POST <settings.path>` and the notifier that posts alerts proactively. */
export async function startTeams(opts: StartTeamsOptions): Promise<TeamsRuntime> {
  const logger = opts.logger.child({ platform: 'teams' });
  const transport = opts.transport ?? createBotbuilderTransport(opts.settings, logger);
  const trustedServiceUrl = (url: string): boolean => serviceUrlTrusted(url, transport.authenticated);
  const notifier = createTeamsNotifier({
    trustedServiceUrl,
    transport,
    store: opts.store,
    logger,
    maxWaitMs: opts.settings.maxWaitMs,
    maxInlineImageBytes: opts.settings.maxInlineImageBytes,
    renderChart: opts.renderChart ?? renderTeamsChartPng,
    ...(opts.clock !== undefined ? { clock: opts.clock } : {}),
  });
  const bot = createTeamsBot({
    commands: opts.commands,
    store: opts.store,
    logger,
    transport,
    alertView: async (incidentId) => {
      const incident = await opts.store.incidents.get(incidentId);
      const plan = incident && (await opts.store.plans.getById(incident.planId));
      return incident && plan ? buildAlertView(incident, plan) : notifier.lastView(incidentId);
    },
    alertCard: (view) => notifier.rootCard(view),
    trustedServiceUrl,
    ...(opts.now !== undefined ? { now: opts.now } : {}),
  });
  transport.mount(opts.express, opts.settings.path, bot.onTurn);
  logger.info('teams: messaging endpoint ready', { path: opts.settings.path, authenticated: transport.authenticated });
  return {
    notifier,
    stop: () => bot.idle(),
  };
}
