import path from 'node:path';
import type { Config } from '../config.js';
import type { DefaultSourceSettings } from '../sources/defaults.js';
import type { HttpClientOptions } from '../sources/http.js';
import type { SourceSettings } from '../sources/registry.js';
import type { StoreSettings } from '../store/select.js';
import type { SchedulerSettings } from '../schedule/select.js';
import type { SlackSettings } from '../platforms/slack/settings.js';
import { type TeamsSettings, TeamsSettingsSchema } from '../platforms/teams/settings.js';
import type { Locale } from '../i18n/locale.js';
import type { RemoteSentimentSettings } from '../models/remote-sentiment.js';
import type { SecretKeys } from '../store/secret-box.js';

/** What the sources need from the configuration; the running parts (logger, petition links) are added when built. */
export type SourceConfig = Omit<SourceSettings, 'logger' | 'petitionLinks'>;

/**
 * The configuration cut into one settings object per capability. This is the only place that maps setting names to
 * capabilities: the builders are handed their part and never see the environment or the whole configuration.
 */
export interface VigieSettings {
  store: StoreSettings;
  scheduler: SchedulerSettings & { cron: string; jitterMs: number };
  http: HttpClientOptions;
  sources: SourceConfig;
  /** Credentials that decide which keyed kinds a new plan gets. */
  defaultSources: DefaultSourceSettings;
  /** `sentiment`: the optional remote model (VIGIE_SENTIMENT_URL) in front of the built-in one. */
  detection: { bucketMs: number; resolveAfterMs: number; historyMs: number; maxItemsPerPoll: number; sentiment?: RemoteSentimentSettings };
  drafting: { playbookDir?: string; llm: { baseUrl?: string; model?: string; apiKey?: string; timeoutMs: number } };
  /** `host`: VIGIE_HTTP_HOST, else loopback when Teams runs unauthenticated (no MICROSOFT_APP_ID), else every address. */
  server: { port: number; host: string };
  /** Local mode writes each incident's chart here (`$VIGIE_DATA_DIR/charts`). */
  alerts: { chartDir: string };
  /** `secrets`: the keys that seal workspace tokens at rest (VIGIE_SECRET_KEY, VIGIE_SECRET_KEY_PREVIOUS). */
  platforms: { locale: Locale; slack?: SlackSettings; teams: TeamsSettings; secrets: SecretKeys };
  /** The zone of plans without their own (`VIGIE_TIMEZONE`): alerts, replies, charts, quiet hours, drafts. */
  timeZone: string;
  /** Incident report pages: the key that signs their links (random per process when unset), where browsers reach Vigie. */
  reports: { reportKey?: string; publicUrl?: string; ttlMs: number; exportDir: string };
}

const defined = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export function settingsFrom(config: Config): VigieSettings {
  return {
    store: {
      databaseUrl: config.DATABASE_URL,
      schema: config.VIGIE_DB_SCHEMA,
      poolSize: config.VIGIE_DB_POOL_SIZE,
      dataDir: config.VIGIE_DATA_DIR,
      retention: { seenMs: config.VIGIE_SEEN_RETENTION, bucketMs: config.VIGIE_BUCKET_RETENTION, incidentMs: config.VIGIE_INCIDENT_RETENTION },
    },
    scheduler: {
      cron: config.VIGIE_POLL_CRON,
      jitterMs: config.VIGIE_POLL_JITTER,
      databaseUrl: config.DATABASE_URL,
      schema: config.VIGIE_QUEUE_SCHEMA,
      concurrency: config.VIGIE_POLL_CONCURRENCY,
      retryLimit: config.VIGIE_POLL_RETRIES,
      retryDelaySeconds: Math.max(1, Math.round(config.VIGIE_POLL_RETRY_DELAY / 1000)),
      pollTimeoutSeconds: Math.max(1, Math.round(config.VIGIE_POLL_TIMEOUT / 1000)),
      stopTimeoutMs: config.VIGIE_SHUTDOWN_TIMEOUT,
    },
    http: {
      allowPrivateUrls: config.VIGIE_ALLOW_PRIVATE_URLS,
      timeoutMs: config.VIGIE_HTTP_TIMEOUT,
      maxBytes: config.VIGIE_HTTP_MAX_BYTES,
      userAgent: config.VIGIE_USER_AGENT,
    },
    sources: {
      gnewsUrl: config.VIGIE_GNEWS_URL,
      galertsUrl: config.VIGIE_GALERTS_URL,
      xUrl: config.VIGIE_X_URL,
      ...defined('xBearerToken', config.X_BEARER_TOKEN),
      xDailyReads: config.X_DAILY_READS,
      blueskyUrl: config.VIGIE_BLUESKY_URL,
      ...defined('blueskyHandle', config.BLUESKY_HANDLE),
      ...defined('blueskyAppPassword', config.BLUESKY_APP_PASSWORD),
      blueskyStreamUrl: config.VIGIE_BLUESKY_STREAM_URL,
      blueskyStreamBuffer: config.VIGIE_BLUESKY_STREAM_BUFFER,
      mastodonInstances: config.VIGIE_MASTODON_INSTANCES,
      ...defined('mastodonAccessToken', config.MASTODON_ACCESS_TOKEN),
      redditUrl: config.VIGIE_REDDIT_URL,
      redditOauthUrl: config.VIGIE_REDDIT_OAUTH_URL,
      ...defined('redditClientId', config.REDDIT_CLIENT_ID),
      ...defined('redditClientSecret', config.REDDIT_CLIENT_SECRET),
      redditUserAgent: config.REDDIT_USER_AGENT,
      hnUrl: config.VIGIE_HN_URL,
      youtubeUrl: config.VIGIE_YOUTUBE_URL,
      youtubeApiUrl: config.VIGIE_YOUTUBE_API_URL,
      ...defined('youtubeApiKey', config.YOUTUBE_API_KEY),
      youtubeDailyQuota: config.YOUTUBE_DAILY_QUOTA,
      gdeltUrl: config.VIGIE_GDELT_URL,
      petitionsUrl: config.VIGIE_PETITIONS_URL,
    },
    defaultSources: {
      ...defined('xBearerToken', config.X_BEARER_TOKEN),
      ...defined('blueskyHandle', config.BLUESKY_HANDLE),
      ...defined('blueskyAppPassword', config.BLUESKY_APP_PASSWORD),
      ...defined('youtubeApiKey', config.YOUTUBE_API_KEY),
    },
    detection: {
      bucketMs: config.VIGIE_BUCKET,
      resolveAfterMs: config.VIGIE_RESOLVE_AFTER,
      historyMs: config.VIGIE_BUCKET_RETENTION,
      maxItemsPerPoll: config.VIGIE_MAX_ITEMS_PER_POLL,
      ...defined('sentiment', remoteSentimentSettings(config)),
    },
    drafting: {
      ...defined('playbookDir', config.VIGIE_PLAYBOOK_DIR),
      llm: {
        ...defined('baseUrl', config.LLM_BASE_URL),
        ...defined('model', config.LLM_MODEL),
        ...defined('apiKey', config.LLM_API_KEY),
        timeoutMs: config.LLM_TIMEOUT,
      },
    },
    server: { port: config.PORT, host: config.VIGIE_HTTP_HOST ?? (config.TEAMS_ENABLED && !config.MICROSOFT_APP_ID ? '127.0.0.1' : '0.0.0.0') },
    alerts: { chartDir: path.join(config.VIGIE_DATA_DIR, 'charts') },
    platforms: {
      locale: config.VIGIE_LOCALE,
      ...defined('slack', slackSettings(config)),
      teams: teamsSettings(config),
      secrets: { ...defined('key', config.VIGIE_SECRET_KEY), ...defined('previous', config.VIGIE_SECRET_KEY_PREVIOUS) },
    },
    timeZone: config.VIGIE_TIMEZONE,
    reports: {
      ...defined('reportKey', config.VIGIE_REPORT_KEY),
      ...defined('publicUrl', config.VIGIE_PUBLIC_URL),
      ttlMs: config.VIGIE_REPORT_TTL,
      exportDir: path.join(config.VIGIE_DATA_DIR, 'exports'),
    },
  };
}

/** The remote sentiment model when VIGIE_SENTIMENT_URL is set; absent otherwise. */
function remoteSentimentSettings(config: Config): RemoteSentimentSettings | undefined {
  if (!config.VIGIE_SENTIMENT_URL) return undefined;
  return {
    url: config.VIGIE_SENTIMENT_URL,
    api: config.VIGIE_SENTIMENT_API,
    ...defined('model', config.VIGIE_SENTIMENT_MODEL),
    ...defined('apiKey', config.VIGIE_SENTIMENT_API_KEY),
    timeoutMs: config.VIGIE_SENTIMENT_TIMEOUT,
    batchSize: config.VIGIE_SENTIMENT_BATCH,
  };
}

/** Slack runs with a bot token (one workspace) or with OAuth distribution (many); absent otherwise. */
function slackSettings(config: Config): SlackSettings | undefined {
  const oauth =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          stateSecret: config.SLACK_STATE_SECRET,
          authorizeUrl: config.SLACK_OAUTH_AUTHORIZE_URL,
        }
      : undefined;
  if (!config.SLACK_BOT_TOKEN && !oauth) return undefined;
  return {
    ...defined('botToken', config.SLACK_BOT_TOKEN),
    ...defined('oauth', oauth),
    ...defined('signingSecret', config.SLACK_SIGNING_SECRET),
    ...defined('appToken', config.SLACK_APP_TOKEN),
    ...(config.SLACK_API_URL ? { apiUrl: `${config.SLACK_API_URL}/` } : {}),
  };
}

function teamsSettings(config: Config): TeamsSettings {
  return TeamsSettingsSchema.parse({
    enabled: config.TEAMS_ENABLED,
    appType: config.MICROSOFT_APP_TYPE,
    maxWaitMs: config.TEAMS_MAX_WAIT,
    ...defined('appId', config.MICROSOFT_APP_ID),
    ...defined('appPassword', config.MICROSOFT_APP_PASSWORD),
    ...defined('tenantId', config.MICROSOFT_APP_TENANT_ID),
  });
}
