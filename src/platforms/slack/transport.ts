import { App, type AuthorizeResult, ExpressReceiver, LogLevel, type Logger as BoltLogger, webApi } from '@slack/bolt';
import express, { type Application } from 'express';
import type { Server } from 'node:http';
import type { Logger } from '../../log.js';
import type { ResolvedSlackSettings } from './settings.js';

/** The path Slack posts slash commands, interactivity and events to (HTTP mode), as in the manifest. */
export const EVENTS_PATH = '/slack/events';

export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  readonly app: App;
  /** The bot's Web API client, with the same options as every client Bolt creates. */
  readonly client: webApi.WebClient;
  /** The bot's identity (auth.test), for a start-up check of the token. */
  identity(): Promise<BotIdentity>;
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
}

/** Bolt logs through our structured logger, so its lines carry the same fields and redaction as ours. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]): string => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
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

/**
 * Bolt's App on the right receiver: Socket Mode when an app token is set (dev and self-hosting; not allowed in the
 * Slack Marketplace), else HTTP on `/slack/events` with every request's signature verified.
 */
export function createSlackTransport(options: TransportOptions): SlackTransport {
  const { settings } = options;
  const logger = boltLogger(options.logger.child({ component: 'bolt' }));
  const client = new webApi.WebClient(settings.botToken, { ...clientOptions(settings), logger });
  const identity = botIdentity(client);
  const authorize = async (): Promise<AuthorizeResult> => ({ botToken: settings.botToken, ...(await identity()) });
  if (settings.appToken !== undefined) {
    const app = new App({ authorize, appToken: settings.appToken, socketMode: true, logger, clientOptions: clientOptions(settings) });
    return {
      mode: 'socket',
      app,
      client,
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
  const own = options.express === undefined;
  const receiver = new ExpressReceiver({
    signingSecret: settings.signingSecret,
    signatureVerification: true,
    endpoints: EVENTS_PATH,
    app: options.express ?? express(),
    logger,
  });
  const app = new App({ authorize, receiver, logger, clientOptions: clientOptions(settings) });
  let server: Server | undefined;
  return {
    mode: 'http',
    app,
    client,
    identity,
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
