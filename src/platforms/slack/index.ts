import type { Application } from 'express';
import { renderChartPng } from '../../chart/png.js';
import type { CommandService } from '../../core/commands/types.js';
import { SOURCE_KINDS, type SourceKind } from '../../core/mention.js';
import type { Locale } from '../../core/plan.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { Notifier } from '../notifier.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerPlanModal } from './modal.js';
import { createSlackNotifier } from './notifier.js';
import { type SlackSettings, SlackSettingsSchema } from './settings.js';
import { createSlackTransport } from './transport.js';

export type { SlackSettings } from './settings.js';
export { SlackSettingsSchema } from './settings.js';
export { EVENTS_PATH } from './transport.js';

export interface StartSlackOptions {
  settings: SlackSettings;
  /** HTTP mode: Bolt's router is mounted on this app at /slack/events (mount no body parser before it). */
  express?: Application;
  /** HTTP mode without a shared app: port of Bolt's own server. */
  port?: number;
  commands: CommandService;
  store: Store;
  logger: Logger;
  /** Language of replies and of the modal for a workspace; alerts use their plan's language. */
  locale: (teamId: string) => Locale;
  /** Source kinds this installation can poll (the source registry's): the plan modal offers only these. */
  kinds?: () => readonly SourceKind[];
}

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  readonly notifier: Notifier;
  stop(): Promise<void>;
}

/** Failure to start that a person must fix (a wrong token): the process should say so and stop. */
export class SlackStartError extends Error {
  readonly code: 'slack_invalid_auth';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SlackStartError';
    this.code = 'slack_invalid_auth';
  }
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/**
 * The Slack adapter: `/vigie` commands, the plan modal and the alert buttons come in through Bolt; alerts go out
 * through the returned notifier (used by the outbox).
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackAdapter> {
  const settings = SlackSettingsSchema.parse(options.settings);
  const logger = options.logger.child({ platform: 'slack' });
  const transport = createSlackTransport({
    settings,
    ...(options.express !== undefined ? { express: options.express } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    logger,
  });
  const { app } = transport;
  const deps = { settings, commands: options.commands, locale: options.locale, logger, kinds: options.kinds ?? (() => SOURCE_KINDS) };
  registerCommands(app, deps);
  registerActions(app, deps);
  registerPlanModal(app, deps);
  app.event('app_uninstalled', async ({ body }) => {
    logger.warn('vigie was uninstalled from a workspace', { team: body.team_id });
    await options.store.installations.remove('slack', body.team_id);
  });
  app.event('tokens_revoked', async ({ body }) => {
    logger.warn('slack tokens revoked', { team: body.team_id });
  });
  app.error(async (error) => {
    logger.error('slack listener failed', { error });
  });

  try {
    const bot = await transport.identity();
    logger.info('slack token accepted', { team: bot.teamId, botUser: bot.botUserId, mode: transport.mode });
  } catch (error) {
    const name = (error as { data?: { error?: string } }).data?.error;
    if (name !== undefined && AUTH_ERRORS.has(name)) {
      throw new SlackStartError(`Slack refused SLACK_BOT_TOKEN (${name}): copy the Bot User OAuth Token again from the app's "OAuth & Permissions" page.`, { cause: error });
    }
    logger.warn('slack could not be reached at start; alerts stay pending until it answers', { error });
  }
  await transport.start();

  const notifier = createSlackNotifier({
    client: transport.client,
    threads: options.store.threads,
    logger,
    renderChart: renderChartPng,
    channelIntervalMs: settings.channelIntervalMs,
    maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
  });
  return { mode: transport.mode, notifier, stop: () => transport.stop() };
}
