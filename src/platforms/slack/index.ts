import { ErrorCode } from '@slack/bolt';
import type { Application } from 'express';
import { renderChartPng } from '../../chart/png.js';
import type { CommandService } from '../../core/commands/types.js';
import { SOURCE_KINDS, type SourceKind } from '../../core/mention.js';
import type { Locale } from '../../i18n/locale.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { Notifier } from '../notifier.js';
import { registerActions } from './actions.js';
import { registerChoices } from './choices.js';
import { registerCommands } from './commands.js';
import { createSlackInstallations } from './installation-store.js';
import { registerLifecycle } from './lifecycle.js';
import { registerPlanModal } from './modal.js';
import { createSlackNotifier } from './notifier.js';
import { type SlackSettings, SlackSettingsSchema } from './settings.js';
import { createSlackTransport } from './transport.js';
import { SlackStartError } from './errors.js';
import { createSecretBox, type SecretBox } from '../../store/secret-box.js';

export { SlackStartError } from './errors.js';

export type { SlackSettings } from './settings.js';
export { SlackSettingsSchema } from './settings.js';
export { EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH } from './transport.js';

export interface StartSlackOptions {
  settings: SlackSettings;
  /** HTTP mode: Bolt's router is mounted on this app at /slack/events, plus /slack/install and /slack/oauth_redirect
   *  with OAuth distribution (mount no body parser before it). */
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
  /** Clock of the `updated` stamp of plans paused when a workspace uninstalls Vigie. */
  now?: () => number;
  /** Seals workspace tokens at rest (VIGIE_SECRET_KEY); plain by default. */
  secrets?: SecretBox;
}

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  readonly notifier: Notifier;
  stop(): Promise<void>;
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** One bot token: a token Slack refuses stops the start with what to do; an unreachable Slack does not. */
async function checkToken(identity: () => Promise<{ teamId: string; botUserId: string }>, mode: string, logger: Logger): Promise<void> {
  try {
    const bot = await identity();
    logger.info('slack token accepted', { team: bot.teamId, botUser: bot.botUserId, mode });
  } catch (error) {
    const name = (error as { data?: { error?: string } }).data?.error;
    if (name !== undefined && AUTH_ERRORS.has(name)) {
      throw new SlackStartError(
        `Slack refused SLACK_BOT_TOKEN (${name}): copy the Bot User OAuth Token again from the app's "OAuth & Permissions" page.`,
        { cause: error },
      );
    }
    logger.warn('slack could not be reached at start; alerts stay pending until it answers', { error });
  }
}

/**
 * The Slack adapter: `/vigie` commands, the plan modal and the alert buttons come in through Bolt; alerts go out
 * through the returned notifier (used by the outbox).
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackAdapter> {
  const settings = SlackSettingsSchema.parse(options.settings);
  const logger = options.logger.child({ platform: 'slack' });
  const installations = createSlackInstallations(options.store.installations, logger, options.secrets ?? createSecretBox());
  const transport = createSlackTransport({
    settings,
    ...(options.express !== undefined ? { express: options.express } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    logger,
    installations,
    nonces: options.store.nonces,
  });
  const { app } = transport;
  const deps = { settings, commands: options.commands, locale: options.locale, logger, kinds: options.kinds ?? (() => SOURCE_KINDS) };
  registerCommands(app, { ...deps, threads: options.store.threads });
  registerActions(app, deps);
  registerChoices(app, deps);
  registerPlanModal(app, deps);
  registerLifecycle(
    app,
    { store: options.store, installations, logger, now: options.now ?? Date.now },
    { distributed: settings.oauth !== undefined },
  );
  app.error(async (error) => {
    // With OAuth distribution, a workspace that uninstalled (or never installed) Vigie can still reach the endpoint.
    if (error.code === ErrorCode.AuthorizationError) logger.warn('slack request from a workspace without an installation ignored', { error });
    else logger.error('slack listener failed', { error });
  });

  if (transport.identity !== undefined) await checkToken(transport.identity, transport.mode, logger);
  else logger.info('slack distributed through OAuth: each workspace installs Vigie at /slack/install', { mode: transport.mode });
  await transport.start();

  const notifier = createSlackNotifier({
    clients: transport.clients,
    threads: options.store.threads,
    logger,
    renderChart: renderChartPng,
    channelIntervalMs: settings.channelIntervalMs,
    maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
  });
  return { mode: transport.mode, notifier, stop: () => transport.stop() };
}
