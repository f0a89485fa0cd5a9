import { App, type AuthorizeResult, ExpressReceiver, LogLevel, type Logger as BoltLogger, webApi } from '@slack/bolt';
import express, { type Application } from 'express';
import type { Server } from 'node:http';
import type { Logger } from '../../log.js';
import type { NonceRepo } from '../../store/store.js';
import { mountRequestGuard } from './request-guard.js';
import { installedClients, singleAttempt, singleClient, type WorkspaceClients } from './clients.js';
import type { SlackInstallations } from './installation-store.js';
import { type ResolvedSlackSettings, SLACK_BOT_SCOPES, type SlackOAuthSettings } from './settings.js';

/** The path Slack posts slash commands, interactivity and events to (HTTP mode), as in the manifest. */
export const EVENTS_PATH = '/slack/events';

export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  readonly app: App;
  /** The Web API client of each workspace, with the same options as every client Bolt creates. */
  readonly clients: WorkspaceClients;
  /** One bot token: its identity (auth.test), for a start-up check of the token. Absent with OAuth distribution. */
  readonly identity?: () => Promise<BotIdentity>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId: string;
}

export interface TransportOptions {
  settings: ResolvedSlackSettings;
  /** Shared HTTP app (Slack and Teams on one port): Bolt's router is mounted on it. Absent: Bolt gets its own. */
  express?: Application;
  /** Port of Bolt's own HTTP server when no shared app is given. */
  port?: number;
  logger: Logger;
  /** Where OAuth distribution keeps each workspace's installation (required with `settings.oauth`). */
  installations?: SlackInstallations;
  /** The replay cache of signed requests (HTTP mode): a request seen before is refused. */
  nonces: NonceRepo;
}

/** Bolt logs through our structured logger, so its lines carry the same fields and redaction as ours. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]): string =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts)),
    info: (...parts: unknown[]) => logger.info(text(parts)),
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Options of every Web API client. The retry policy is always explicit: left unset, Socket Mode writes
 * `{ retries: 100 }` into these shared options. 429s are not retried inside the client (it would pause the whole
 * client): the notifier owns rate limits per channel.
 */
export function clientOptions(settings: ResolvedSlackSettings): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl !== undefined ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: {
      retries: settings.retries,
      factor: 2,
      minTimeout: settings.retryMinMs,
      maxTimeout: settings.retryMaxMs,
      randomize: false,
    },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
}

/**
 * Who the bot is (auth.test), asked once and remembered only when Slack answered: Bolt's own token check runs in
 * its constructor and caches a failure for good (Slack unreachable at start would refuse every later request, and
 * the rejection goes unhandled), so the adapter authorizes requests itself.
 */
export function botIdentity(client: webApi.WebClient): () => Promise<BotIdentity> {
  let pending: Promise<BotIdentity> | undefined;
  return () => {
    pending ??= client.auth.test().then(
      (r) => ({ botUserId: String(r.user_id ?? ''), botId: String(r.bot_id ?? ''), teamId: String(r.team_id ?? '') }),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

/** Routes of the OAuth install flow, on the shared HTTP app next to /slack/events. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** HTTP mode: Bolt's router on the shared app (or its own), every request's signature verified. */
function httpReceiver(
  options: TransportOptions,
  signingSecret: string,
  logger: BoltLogger,
  oauth?: { settings: SlackOAuthSettings; installations: SlackInstallations },
): ExpressReceiver {
  const app = options.express ?? express();
  // Mounted before Bolt's router (which the receiver adds to `app` when it is built), so it sees each request first.
  mountRequestGuard(app, EVENTS_PATH, { signingSecret, nonces: options.nonces, logger: options.logger.child({ component: 'slack-guard' }) });
  return new ExpressReceiver({
    signingSecret,
    signatureVerification: true,
    endpoints: EVENTS_PATH,
    app,
    logger,
    ...(oauth !== undefined
      ? {
          clientId: oauth.settings.clientId,
          clientSecret: oauth.settings.clientSecret,
          stateSecret: oauth.settings.stateSecret,
          scopes: [...SLACK_BOT_SCOPES],
          installationStore: oauth.installations,
          installerOptions: {
            // `/slack/install` goes straight to Slack's consent page (the "direct install URL" of the Marketplace).
            directInstall: true,
            installPath: INSTALL_PATH,
            redirectUriPath: REDIRECT_PATH,
            authorizationUrl: oauth.settings.authorizeUrl,
            clientOptions: clientOptions(options.settings),
          },
        }
      : {}),
  });
}

function httpTransport(
  options: TransportOptions,
  app: App,
  receiver: ExpressReceiver,
  clients: WorkspaceClients,
  identity?: () => Promise<BotIdentity>,
): SlackTransport {
  const own = options.express === undefined;
  let server: Server | undefined;
  return {
    mode: 'http',
    app,
    clients,
    ...(identity !== undefined ? { identity } : {}),
    start: async () => {
      if (own) server = await receiver.start(options.port ?? 3000);
    },
    stop: async () => {
      if (server === undefined) return;
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    },
  };
}

/**
 * Bolt's App on the right receiver. OAuth distribution: HTTP, tokens per workspace from the store, the install
 * routes mounted. One bot token: Socket Mode when an app token is set (dev and self-hosting; not allowed in the
 * Slack Marketplace), else HTTP on `/slack/events` with every request's signature verified.
 */
export function createSlackTransport(options: TransportOptions): SlackTransport {
  const { settings } = options;
  const logger = boltLogger(options.logger.child({ component: 'bolt' }));
  if (settings.oauth !== undefined) {
    if (settings.signingSecret === undefined) throw new Error('OAuth distribution needs the signing secret (SLACK_SIGNING_SECRET)');
    if (options.installations === undefined) throw new Error('OAuth distribution needs an installation store');
    const receiver = httpReceiver(options, settings.signingSecret, logger, { settings: settings.oauth, installations: options.installations });
    // No token and no authorize: Bolt authorizes each request with the installation of its workspace.
    const app = new App({ receiver, logger, clientOptions: clientOptions(settings) });
    const { installer } = receiver;
    if (installer === undefined) throw new Error('Bolt did not set up the OAuth installer');
    return httpTransport(
      options,
      app,
      receiver,
      installedClients(options.installations, (query) => installer.authorize(query), { ...clientOptions(settings), logger }),
    );
  }
  if (settings.botToken === undefined) throw new Error('Slack needs a bot token (SLACK_BOT_TOKEN) or OAuth settings (SLACK_CLIENT_ID…)');
  const botToken = settings.botToken;
  const client = new webApi.WebClient(botToken, { ...clientOptions(settings), logger });
  const once = new webApi.WebClient(botToken, { ...singleAttempt(clientOptions(settings)), logger });
  const identity = botIdentity(client);
  const authorize = async (): Promise<AuthorizeResult> => ({ botToken, ...(await identity()) });
  if (settings.appToken !== undefined) {
    const app = new App({ authorize, appToken: settings.appToken, socketMode: true, logger, clientOptions: clientOptions(settings) });
    return {
      mode: 'socket',
      app,
      clients: singleClient(client, once),
      identity,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  if (settings.signingSecret === undefined) throw new Error('HTTP mode needs the signing secret (SLACK_SIGNING_SECRET)');
  const receiver = httpReceiver(options, settings.signingSecret, logger);
  const app = new App({ authorize, receiver, logger, clientOptions: clientOptions(settings) });
  return httpTransport(options, app, receiver, singleClient(client, once), identity);
}
