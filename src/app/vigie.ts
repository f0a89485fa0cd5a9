import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import type express from 'express';
import type { Config } from '../config.js';
import type { CommandContext, CommandService } from '../core/commands/types.js';
import type { Platform } from '../core/plan.js';
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { createLogger, type Logger } from '../log.js';
import type { Notifier } from '../platforms/notifier.js';
import type { CronScheduler } from '../schedule/cron.js';
import { createHttpApp, handleHttpErrors, listen } from '../server.js';
import type { HttpClient } from '../sources/http.js';
import { openStore, storeKind } from '../store/select.js';
import type { Store } from '../store/store.js';
import { buildAlerts } from './build/alerts.js';
import { buildCommands } from './build/commands.js';
import { buildDetection, type SchedulerFactory } from './build/detection.js';
import { buildReports } from './build/reports.js';
import { type RunningPlatform, startPlatforms } from './build/platforms.js';
import { buildSources } from './build/sources.js';
import { startControlServer } from './control-server.js';
import { createDigests, type Digests } from './digest/runner.js';
import type { Outbox } from './outbox.js';
import type { Reminders } from './reminders.js';
import type { Pipeline } from './pipeline.js';
import { settingsFrom, type VigieSettings } from './settings.js';
import { shutdownBudget } from './shutdown.js';

export interface VigieOptions {
  config: Config;
  /** Where local mode prints alerts. */
  stdout: Writable;
  /** Where structured logs go. */
  logStream: Writable;
  now?: () => number;
  /** Replace parts for tests and benchmarks (a store on another folder, a fixed classifier…). */
  overrides?: Partial<{
    store: Store;
    http: HttpClient;
    classifier: SentimentClassifier;
    logger: Logger;
    /** Build the scheduler from the pipeline's jobs (the pg-boss scheduler of several instances). */
    scheduler: SchedulerFactory;
  }>;
}

export interface Vigie {
  config: Config;
  settings: VigieSettings;
  store: Store;
  logger: Logger;
  commands: CommandService;
  pipeline: Pipeline;
  outbox: Outbox;
  reminders: Reminders;
  /** Plans' digests: `tick` posts those due (a timer calls it every minute once started). */
  digests: Digests;
  scheduler: CronScheduler;
  notifiers: Map<Platform, Notifier>;
  /** The HTTP app: platforms mount their routes on it before `start`. */
  http: express.Express;
  /** The port the HTTP server listens on, once started. */
  port(): number | undefined;
  /** The context of a command typed in local mode. */
  localContext(user?: string): CommandContext;
  start(): Promise<void>;
  /** Stop everything by `deadline` (wall clock; default: now + VIGIE_SHUTDOWN_TIMEOUT), then flush and close the store. */
  stop(deadline?: number): Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;
const REMIND_EVERY_MS = 30_000;
const DIGEST_EVERY_MS = 60_000;

/**
 * The composition root: the configuration cut into settings, then one builder per capability, in the order data
 * flows — store, sources, detection (poll → incident), alerts (incident → message), commands, platforms.
 */
export async function createVigie(options: VigieOptions): Promise<Vigie> {
  const { config, overrides = {} } = options;
  const settings = settingsFrom(config);
  const now = options.now ?? Date.now;
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, stream: options.logStream });
  const store = overrides.store ?? (await openStore(settings.store, { logger, applicationName: 'vigie' }));
  // The petition source looks for petitions among the links of a plan's recent mentions, which the pipeline keeps.
  let pipeline: Pipeline | undefined;
  const sources = buildSources(settings, {
    logger,
    petitionLinks: async (planId, since) => (pipeline ? pipeline.linksSince(planId, since) : []),
    ...(overrides.http ? { http: overrides.http } : {}),
  });
  const detection = await buildDetection(settings, {
    store,
    sources: sources.registry,
    http: sources.http,
    logger,
    now,
    ...(overrides.classifier ? { classifier: overrides.classifier } : {}),
    ...(overrides.scheduler ? { scheduler: overrides.scheduler } : {}),
  });
  pipeline = detection.pipeline;
  let server: Server | undefined;
  const port = (): number | undefined => (server?.address() as AddressInfo | null)?.port;
  const reports = buildReports(settings, { store, detection: detection.detection, port, logger, now });
  const { outbox, notifiers, reminders, suggest } = await buildAlerts(settings, {
    store,
    ...detection,
    stdout: options.stdout,
    logger,
    now,
    reportUrl: reports.reportUrl,
  });
  const digests = createDigests({
    store,
    notifiers,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    timeZone: settings.timeZone,
    now,
    logger,
  });
  const commands = buildCommands({
    store,
    sources,
    ...detection,
    logger,
    now,
    timeZone: settings.timeZone,
    reportLink: reports.reportLink,
    exportLink: reports.exportLink,
    suggest,
  });
  const httpApp = createHttpApp({ store: () => store.ping(), schedulerRunning: () => detection.scheduler.isRunning() }, logger);
  reports.mount(httpApp, suggest);

  let platforms: RunningPlatform[] = [];
  let pruneTimer: NodeJS.Timeout | undefined;
  let control: { close(): Promise<void> } | undefined;
  const localContext = (user = 'local'): CommandContext => ({
    scope: { platform: 'local', workspace: 'local' },
    channel: 'terminal',
    user,
    locale: config.VIGIE_LOCALE,
  });
  let remindTimer: NodeJS.Timeout | undefined;
  let digestTimer: NodeJS.Timeout | undefined;
  return {
    http: httpApp,
    port,
    config,
    settings,
    store,
    logger,
    commands,
    pipeline: detection.pipeline,
    outbox,
    reminders,
    digests,
    scheduler: detection.scheduler,
    notifiers,
    localContext,
    async start() {
      platforms = await startPlatforms(settings.platforms, {
        express: httpApp,
        commands,
        store,
        notifiers,
        kinds: () => sources.registry.kinds(),
        logger,
        now,
      });
      handleHttpErrors(httpApp, logger, settings.platforms.locale);
      try {
        // An unauthenticated Teams endpoint (Emulator mode) trusts any caller: loopback unless explicitly allowed.
        server = await listen(httpApp, settings.server.port, settings.server.host, settings.platforms.locale);
      } catch (error) {
        // With a chat platform the process is a server: without its port it would receive no Slack or Teams requests
        // and answer no health check, while looking up. Stop with the reason instead.
        if (platforms.length > 0) throw error;
        // Local mode reads commands from the terminal and needs no HTTP: only the health checks are lost.
        logger.warn('HTTP server not started (health checks unavailable)', { port: settings.server.port, error });
      }
      await detection.scheduler.start();
      outbox.start(2_000);
      // The embedded store has one writer, this bot: the command line reaches it through the control endpoint.
      if (storeKind(settings.store) === 'lowdb' && !overrides.store) {
        // Without it the bot still runs; command-line commands are refused (never run beside it) until a restart.
        control = await startControlServer({ dataDir: settings.store.dataDir, store, commands, localContext, logger }).catch((error: unknown) => {
          logger.error('control endpoint not started: command-line commands are refused while this bot runs', { error });
          return undefined;
        });
      }
      pruneTimer = setInterval(() => {
        store.prune(now()).catch((error: unknown) => logger.error('prune failed', { error }));
      }, PRUNE_EVERY_MS);
      pruneTimer.unref();
      remindTimer = setInterval(() => {
        reminders.check().catch((error: unknown) => logger.error('reminder check failed', { error }));
      }, REMIND_EVERY_MS);
      remindTimer.unref();
      digestTimer = setInterval(() => {
        digests.tick().catch((error: unknown) => logger.error('digests failed', { error }));
      }, DIGEST_EVERY_MS);
      digestTimer.unref();
      logger.info('vigie started', { cron: settings.scheduler.cron, bucketMs: settings.detection.bucketMs });
    },
    async stop(deadline = Date.now() + settings.scheduler.stopTimeoutMs) {
      if (pruneTimer) clearInterval(pruneTimer);
      const step = shutdownBudget(deadline, logger);
      await step('control endpoint', async () => {
        await control?.close();
      });
      if (remindTimer) clearInterval(remindTimer);
      if (digestTimer) clearInterval(digestTimer);
      server?.closeAllConnections();
      await step('http server', () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
      await step('polls', () => detection.scheduler.stop());
      await step('platforms', () => Promise.all(platforms.map((p) => p.stop())));
      await step('outbox', async () => {
        await outbox.flush();
        await outbox.stop();
      });
      await step('sources', () => sources.registry.close());
      await store.close();
    },
  };
}
