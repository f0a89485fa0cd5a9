import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import type { Logger } from '../log.js';
import type { Platform } from '../core/plan.js';
import type { CommandContext, CommandService } from '../core/commands/types.js';
import type { Notifier } from '../platforms/notifier.js';
import { createLocalNotifier } from '../platforms/local/notifier.js';
import { openStore, storeSettings } from '../store/select.js';
import type { Store } from '../store/store.js';
import { createHttpClient } from '../sources/http.js';
import type { HttpClient } from '../sources/http.js';
import { createSourceRegistry } from '../sources/registry.js';
import type { SourceRegistry } from '../sources/registry.js';
import { loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { createScheduler, schedulerSettings } from '../schedule/select.js';
import type { CronScheduler } from '../schedule/cron.js';
import type { PollJob, SchedulerDeps } from '../schedule/scheduler.js';
import { createPipeline } from './pipeline.js';
import type { Pipeline } from './pipeline.js';
import { createAlertQueue } from './alerts.js';
import { createOutbox } from './outbox.js';
import type { Outbox } from './outbox.js';
import { createCommandService } from './commands.js';
import { createIncidentActions } from './incident-actions.js';
import { validateQuery } from './plan-queries.js';
import { createProbe } from './probe.js';
import { buildStatus } from './status.js';
import { createDetection } from './detection-binding.js';
import { createMessages } from './messages.js';
import { sourceChecks } from './source-checks.js';
import { sourceSettings } from './source-settings.js';
import { defaultSourcesFor } from '../sources/defaults.js';
import { keywordsOf } from '../sources/plan-query.js';
import { feedbackSummaryOf } from './feedback-summary.js';
import { createSuggestions } from './polish.js';
import { loadPlaybooks } from '../drafting/playbook-files.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { createHttpApp, listen } from '../server.js';
import { TeamsSettingsSchema, startTeams, teamsWanted } from '../platforms/teams/index.js';
import { startSlack } from '../platforms/slack/index.js';

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
    scheduler: (deps: SchedulerDeps & { logger: Logger; now: () => number }) => CronScheduler;
  }>;
}

export interface Vigie {
  config: Config;
  store: Store;
  logger: Logger;
  commands: CommandService;
  pipeline: Pipeline;
  outbox: Outbox;
  scheduler: CronScheduler;
  notifiers: Map<Platform, Notifier>;
  /** The HTTP app: platforms mount their routes on it before `start`. */
  http: express.Express;
  /** The port the HTTP server listens on, once started. */
  port(): number | undefined;
  /** The context of a command typed in local mode. */
  localContext(user?: string): CommandContext;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: configuration → store → sources → pipeline → scheduler → alerts → platforms. */
export async function createVigie(options: VigieOptions): Promise<Vigie> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger = options.overrides?.logger ?? createLogger({ level: config.LOG_LEVEL, stream: options.logStream });
  const store = options.overrides?.store ?? (await openStore(storeSettings(config), { logger, applicationName: 'vigie' }));
  const http =
    options.overrides?.http ??
    createHttpClient({
      allowPrivateUrls: config.VIGIE_ALLOW_PRIVATE_URLS,
      timeoutMs: config.VIGIE_HTTP_TIMEOUT,
      maxBytes: config.VIGIE_HTTP_MAX_BYTES,
      userAgent: config.VIGIE_USER_AGENT,
    });
  // Petitions are found among the links of a plan's recent mentions, which the pipeline (built below) keeps.
  const linksSince: (planId: string, since: number) => Promise<string[]> = async () => [];
  const sources: SourceRegistry = createSourceRegistry({
    ...sourceSettings(config, { logger, petitionLinks: (planId, since) => linksSince(planId, since) }),
    keywordQuery: (plan) => keywordsOf(plan, 'googleNews', 1)[0] ?? plan.what.brand,
  });
  const classifier = options.overrides?.classifier ?? (await loadDefaultClassifierWithLanguageId());
  const detection = createDetection({ bucketMs: config.VIGIE_BUCKET, resolveAfterMs: config.VIGIE_RESOLVE_AFTER });
  const alerts = createAlertQueue({
    store,
    newId: randomUUID,
    releaseAt: (plan, at, incident) => detection.releaseAt(plan, at, incident.severity.level),
    charts: true,
    logger,
  });
  const pipeline = createPipeline({
    store,
    sources,
    http,
    classifier,
    detection,
    alerts,
    bucketMs: config.VIGIE_BUCKET,
    historyMs: config.VIGIE_BUCKET_RETENTION,
    now,
    logger,
  });
  const schedulerDeps = {
    cron: config.VIGIE_POLL_CRON,
    jitterMs: config.VIGIE_POLL_JITTER,
    dueJobs: (at: number) => pipeline.dueJobs(at),
    runJob: (job: PollJob) => pipeline.poll(job),
    logger,
    now,
  };
  const scheduler =
    options.overrides?.scheduler?.(schedulerDeps) ?? createScheduler(schedulerSettings(config), { ...schedulerDeps, applicationName: 'vigie' });
  const incidents = createIncidentActions({ store, alerts, now, logger });
  const checks = sourceChecks(sources, (plan) =>
    defaultSourcesFor(plan, {
      ...(config.X_BEARER_TOKEN ? { xBearerToken: config.X_BEARER_TOKEN } : {}),
      ...(config.BLUESKY_HANDLE ? { blueskyHandle: config.BLUESKY_HANDLE } : {}),
      ...(config.BLUESKY_APP_PASSWORD ? { blueskyAppPassword: config.BLUESKY_APP_PASSWORD } : {}),
      ...(config.YOUTUBE_API_KEY ? { youtubeApiKey: config.YOUTUBE_API_KEY } : {}),
    }),
  );
  const commands = createCommandService({
    store,
    validateQuery,
    sources: checks,
    probe: createProbe({ sources, http, pipeline, now }),
    status: (plans) =>
      buildStatus(
        { store, missingSettings: checks.missingSettings, nextPollAt: () => scheduler.nextTickAt(), deadJobs: () => scheduler.deadJobs() },
        plans,
      ),
    incidents,
    feedbackSummary: async (plan) => feedbackSummaryOf(await store.feedback.list(plan.id), now()),
    plansChanged: () => undefined,
    incidentRetentionDays: Math.round(config.VIGIE_INCIDENT_RETENTION / 86_400_000),
    now,
    newId: randomUUID,
    logger,
  });
  const suggestions = createSuggestions({
    playbooks: await loadPlaybooks(config.VIGIE_PLAYBOOK_DIR ? { dir: config.VIGIE_PLAYBOOK_DIR } : {}),
    llm: {
      ...(config.LLM_BASE_URL ? { baseUrl: config.LLM_BASE_URL } : {}),
      ...(config.LLM_MODEL ? { model: config.LLM_MODEL } : {}),
      ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
      timeoutMs: config.LLM_TIMEOUT,
    },
    alerts,
    now,
    logger,
  });
  const notifiers = new Map<Platform, Notifier>([['local', createLocalNotifier(options.stdout)]]);
  const outbox = createOutbox({
    store,
    notifiers,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    message: createMessages({ store, detection, bucketMs: config.VIGIE_BUCKET, suggest: suggestions.suggest, now }),
    delivered: suggestions.afterDelivered,
    now,
    logger,
  });

  const platforms: Array<{ stop(): Promise<void> }> = [];
  const startPlatforms = async (): Promise<void> => {
    const teamsSettings = TeamsSettingsSchema.parse({
      enabled: config.TEAMS_ENABLED,
      appType: config.MICROSOFT_APP_TYPE,
      maxWaitMs: config.TEAMS_MAX_WAIT,
      ...(config.MICROSOFT_APP_ID ? { appId: config.MICROSOFT_APP_ID } : {}),
      ...(config.MICROSOFT_APP_PASSWORD ? { appPassword: config.MICROSOFT_APP_PASSWORD } : {}),
      ...(config.MICROSOFT_APP_TENANT_ID ? { tenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
    });
    const slackOAuth =
      config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
        ? {
            clientId: config.SLACK_CLIENT_ID,
            clientSecret: config.SLACK_CLIENT_SECRET,
            stateSecret: config.SLACK_STATE_SECRET,
            authorizeUrl: config.SLACK_OAUTH_AUTHORIZE_URL,
          }
        : undefined;
    if (config.SLACK_BOT_TOKEN || slackOAuth) {
      const slack = await startSlack({
        settings: {
          ...(config.SLACK_BOT_TOKEN ? { botToken: config.SLACK_BOT_TOKEN } : {}),
          ...(slackOAuth ? { oauth: slackOAuth } : {}),
          ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
          ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
          ...(config.SLACK_API_URL ? { apiUrl: `${config.SLACK_API_URL}/` } : {}),
        },
        express: httpApp,
        commands,
        store,
        logger,
        locale: () => config.VIGIE_LOCALE,
        kinds: () => sources.kinds(),
        now,
      });
      notifiers.set('slack', slack.notifier);
      platforms.push(slack);
    }
    if (teamsWanted(teamsSettings)) {
      const teams = await startTeams({ settings: teamsSettings, express: httpApp, commands, store, logger, now });
      notifiers.set('teams', teams.notifier);
      platforms.push(teams);
    }
  };

  const httpApp = createHttpApp({ store: () => store.ping(), schedulerRunning: () => scheduler.isRunning() }, logger);
  let server: Server | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  return {
    http: httpApp,
    port: () => (server?.address() as AddressInfo | null)?.port,
    config,
    store,
    logger,
    commands,
    pipeline,
    outbox,
    scheduler,
    notifiers,
    localContext: (user = 'local') => ({ scope: { platform: 'local', workspace: 'local' }, channel: 'terminal', user, locale: config.VIGIE_LOCALE }),
    async start() {
      await startPlatforms();
      try {
        // An unauthenticated Teams endpoint (Emulator mode) trusts any caller: keep it on loopback.
        const host = config.TEAMS_ENABLED && !config.MICROSOFT_APP_ID ? '127.0.0.1' : '0.0.0.0';
        server = await listen(httpApp, config.PORT, host);
      } catch (error) {
        // Local mode needs no HTTP; a busy port must not stop the terminal bot.
        logger.warn('HTTP server not started (health checks unavailable)', { port: config.PORT, error });
      }
      await scheduler.start();
      outbox.start(2_000);
      pruneTimer = setInterval(() => {
        store.prune(now()).catch((error: unknown) => logger.error('prune failed', { error }));
      }, 3_600_000);
      pruneTimer.unref();
      logger.info('vigie started', { cron: config.VIGIE_POLL_CRON, bucketMs: config.VIGIE_BUCKET });
    },
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await scheduler.stop();
      await Promise.all(platforms.map((p) => p.stop()));
      await outbox.flush();
      await outbox.stop();
      await sources.close();
      await store.close();
    },
  };
}
