import cron from 'node-cron';
import { z } from 'zod';
import { LOG_LEVELS } from './log.js';
import { type Locale, LocaleSchema } from './i18n/locale.js';
import { parseDuration } from './core/duration.js';
import { canonicalTimeZone } from './core/time-zone.js';
import { SCHEMA_NAME } from './store/schema-name.js';
import { parseSecretKey } from './store/secret-box.js';
import { isIP } from 'node:net';
import { isLoopbackHost } from './loopback-host.js';

/**
 * Every setting Vigie reads, in one schema. Nothing else reads `process.env`.
 * Each setting is documented in `.env.example`; a test checks that both list the same names.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const duration = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ms = parseDuration(v && v.trim() !== '' ? v : fallback);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected a duration such as 30s, 5m, 2h or 1d, got "${v}"` });
        return z.NEVER;
      }
      return ms;
    });

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** The URL without trailing slashes, or undefined when it is not a URL with one of the protocols. */
function checkedUrl(value: string, protocols: readonly string[]): string | undefined {
  try {
    return protocols.includes(new URL(value).protocol) ? value.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

const HTTP = ['http:', 'https:'] as const;
const WS = ['ws:', 'wss:'] as const;

/** A URL setting; `fallback` undefined makes it optional. */
function urlSetting(fallback: string | undefined, protocols: readonly string[], expected: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v && v.trim() !== '' ? v.trim() : fallback;
      if (value === undefined) return undefined;
      const checked = checkedUrl(value, protocols);
      if (checked === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected ${expected}, got "${v}"` });
        return z.NEVER;
      }
      return checked;
    });
}

const url = (fallback: string) => urlSetting(fallback, HTTP, 'an http(s) URL') as z.ZodType<string, string | undefined>;
const wsUrl = (fallback: string) => urlSetting(fallback, WS, 'a ws(s) URL') as z.ZodType<string, string | undefined>;
const optionalUrl = urlSetting(undefined, HTTP, 'an http(s) URL');

const urlList = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v && v.trim() !== '' ? v : fallback)
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean);
      const checked = items.map((item) => checkedUrl(item, HTTP));
      const bad = items.find((_, i) => checked[i] === undefined);
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `expected http(s) URLs separated by commas, got "${bad}"` });
        return z.NEVER;
      }
      return checked as string[];
    });

/** A PostgreSQL connection URL. Never echoed back: it usually holds a password. */
const databaseUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    if (checkedUrl(v.trim(), ['postgres:', 'postgresql:']) === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a postgres:// or postgresql:// URL (value not shown: it may hold a password)' });
      return z.NEVER;
    }
    return v.trim();
  });

/** A 32-byte key for secrets at rest. Never echoed back. */
const secretKey = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    if (parseSecretKey(v) === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected 32 random bytes in base64 (openssl rand -base64 32) or 64 hex digits (value not shown)' });
      return z.NEVER;
    }
    return v.trim();
  });

/** The address the HTTP server binds: an IP address or `localhost`; undefined picks the default for the mode. */
const host = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const value = v.trim();
    if (value !== 'localhost' && isIP(value) === 0) {
      ctx.addIssue({ code: 'custom', message: `expected an IP address to listen on (0.0.0.0, 127.0.0.1, ::) or localhost, got "${value}"` });
      return z.NEVER;
    }
    return value;
  });

/** A schema name, spliced into SQL: plain identifiers only. */
const sqlName = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : fallback))
    .refine((v) => SCHEMA_NAME.test(v), { message: 'expected a lower-case SQL identifier (letters, digits, _)' });

export const EnvSchema = z.object({
  VIGIE_DATA_DIR: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : './data')),
  VIGIE_POLL_CRON: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : '*/5 * * * *'))
    .refine((v) => cron.validate(v), { message: 'expected a node-cron expression such as "*/5 * * * *" (a seconds field is allowed)' }),
  VIGIE_POLL_JITTER: duration('20s'),
  VIGIE_BUCKET: duration('5m').refine((ms) => ms >= 60_000 && ms <= 86_400_000 && 86_400_000 % ms === 0, {
    message: 'expected a bucket that divides a day, from 1m to 1d (e.g. 5m, 15m, 1h)',
  }),
  VIGIE_RESOLVE_AFTER: duration('12h'),
  VIGIE_LOCALE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : 'en'))
    .pipe(LocaleSchema),
  VIGIE_TIMEZONE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const zone = canonicalTimeZone(v && v.trim() !== '' ? v.trim() : 'UTC');
      if (zone === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as Africa/Casablanca or UTC, got "${v}"` });
        return z.NEVER;
      }
      return zone;
    }),
  VIGIE_SEEN_RETENTION: duration('30d'),
  VIGIE_BUCKET_RETENTION: duration('15d'),
  VIGIE_INCIDENT_RETENTION: duration('180d'),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : 'info'))
    .pipe(z.enum(LOG_LEVELS)),
  PORT: int(3000, 0, 65535),
  VIGIE_HTTP_HOST: host,
  VIGIE_SECRET_KEY: secretKey,
  VIGIE_SECRET_KEY_PREVIOUS: secretKey,
  /** Vigie's own address as a browser reaches it: incident report links start with it. */
  VIGIE_PUBLIC_URL: optionalUrl,
  /** Signs incident report links (HMAC-SHA256). A secret: never logged. */
  VIGIE_REPORT_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'expected at least 32 characters (e.g. openssl rand -hex 32)',
  }),
  VIGIE_REPORT_TTL: duration('7d'),

  DATABASE_URL: databaseUrl,
  VIGIE_DB_SCHEMA: sqlName('vigie'),
  VIGIE_DB_POOL_SIZE: int(10, 1, 1000),
  VIGIE_QUEUE_SCHEMA: sqlName('vigie_boss'),
  VIGIE_POLL_CONCURRENCY: int(8, 1, 1000),
  VIGIE_POLL_RETRIES: int(3, 0, 100),
  VIGIE_POLL_RETRY_DELAY: duration('30s'),
  VIGIE_POLL_TIMEOUT: duration('10m'),
  VIGIE_SHUTDOWN_TIMEOUT: duration('30s'),
  VIGIE_MAX_ITEMS_PER_POLL: int(1000, 10, 1_000_000),

  VIGIE_ALLOW_PRIVATE_URLS: bool,
  VIGIE_HTTP_TIMEOUT: duration('15s'),
  VIGIE_HTTP_MAX_BYTES: int(5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  VIGIE_USER_AGENT: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : 'Vigie/0.1 (+https://github.com/vigie-bot/vigie)')),
  VIGIE_GNEWS_URL: url('https://news.google.com'),
  VIGIE_GALERTS_URL: url('https://www.google.com/alerts/feeds'),

  VIGIE_X_URL: url('https://api.x.com'),
  X_BEARER_TOKEN: optionalString,
  X_DAILY_READS: int(500, 1, 10_000_000),
  VIGIE_BLUESKY_URL: url('https://bsky.social'),
  BLUESKY_HANDLE: optionalString,
  BLUESKY_APP_PASSWORD: optionalString,
  VIGIE_BLUESKY_STREAM_URL: wsUrl('wss://jetstream2.us-east.bsky.network'),
  VIGIE_BLUESKY_STREAM_BUFFER: int(5000, 10, 1_000_000),
  VIGIE_MASTODON_INSTANCES: urlList('https://mastodon.social'),
  MASTODON_ACCESS_TOKEN: optionalString,
  VIGIE_REDDIT_URL: url('https://www.reddit.com'),
  VIGIE_REDDIT_OAUTH_URL: url('https://oauth.reddit.com'),
  REDDIT_CLIENT_ID: optionalString,
  REDDIT_CLIENT_SECRET: optionalString,
  REDDIT_USER_AGENT: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : 'nodejs:vigie:0.1 (self-hosted crisis watch)')),
  VIGIE_HN_URL: url('https://hn.algolia.com'),
  VIGIE_YOUTUBE_URL: url('https://www.youtube.com'),
  VIGIE_YOUTUBE_API_URL: url('https://www.googleapis.com'),
  YOUTUBE_API_KEY: optionalString,
  YOUTUBE_DAILY_QUOTA: int(10_000, 1, 100_000_000),
  VIGIE_GDELT_URL: url('https://api.gdeltproject.org'),
  VIGIE_PETITIONS_URL: url('https://petition.parliament.uk'),

  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'a bot token starts with "xoxb-"' }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'an app-level token starts with "xapp-"' }),
  SLACK_API_URL: optionalUrl,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_OAUTH_AUTHORIZE_URL: url('https://slack.com/oauth/v2/authorize'),

  TEAMS_ENABLED: bool,
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TYPE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : 'SingleTenant'))
    .pipe(z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'])),
  MICROSOFT_APP_TENANT_ID: optionalString,
  TEAMS_MAX_WAIT: duration('10s'),
  VIGIE_ALLOW_UNAUTHENTICATED_TEAMS: bool,

  VIGIE_PLAYBOOK_DIR: optionalString,
  LLM_BASE_URL: optionalUrl,
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT: duration('20s'),

  VIGIE_SENTIMENT_URL: optionalUrl,
  VIGIE_SENTIMENT_API: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim().toLowerCase() : 'tei'))
    .pipe(z.enum(['tei', 'openai'])),
  VIGIE_SENTIMENT_MODEL: optionalString,
  VIGIE_SENTIMENT_API_KEY: optionalString,
  VIGIE_SENTIMENT_TIMEOUT: duration('5s'),
  VIGIE_SENTIMENT_BATCH: int(32, 1, 512),
});

export type Env = z.input<typeof EnvSchema>;
export type Config = z.output<typeof EnvSchema>;

export class ConfigError extends Error {
  readonly code = 'invalid_config';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Rules that tie settings together, checked once each setting is valid on its own. */
function crossChecks(config: Config): string[] {
  const problems: string[] = [];
  if (config.MICROSOFT_APP_ID) {
    if (config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !config.MICROSOFT_APP_PASSWORD) {
      problems.push("MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the client secret of the Azure Bot's app registration)");
    }
    if (config.MICROSOFT_APP_TYPE !== 'MultiTenant' && !config.MICROSOFT_APP_TENANT_ID) {
      problems.push(`MICROSOFT_APP_TENANT_ID: required for a ${config.MICROSOFT_APP_TYPE} bot (the App Tenant ID shown on the Azure Bot)`);
    }
  }
  if (config.VIGIE_SECRET_KEY_PREVIOUS && !config.VIGIE_SECRET_KEY) {
    problems.push('VIGIE_SECRET_KEY: required with VIGIE_SECRET_KEY_PREVIOUS (the new key; the previous one only opens what it sealed)');
  }
  const unauthenticatedTeams = config.TEAMS_ENABLED && !config.MICROSOFT_APP_ID;
  if (
    unauthenticatedTeams &&
    config.VIGIE_HTTP_HOST !== undefined &&
    !isLoopbackHost(config.VIGIE_HTTP_HOST) &&
    !config.VIGIE_ALLOW_UNAUTHENTICATED_TEAMS
  ) {
    problems.push(
      `VIGIE_HTTP_HOST: Teams without MICROSOFT_APP_ID accepts unauthenticated requests, so it listens on loopback only; ${config.VIGIE_HTTP_HOST} would expose it (set MICROSOFT_APP_ID, or VIGIE_ALLOW_UNAUTHENTICATED_TEAMS=true if you really mean it)`,
    );
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const oauth = {
    SLACK_CLIENT_ID: config.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: config.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: config.SLACK_STATE_SECRET,
  };
  const oauthSet = Object.values(oauth).some(Boolean);
  if (oauthSet) {
    for (const [name, value] of Object.entries(oauth)) {
      if (!value)
        problems.push(
          `${name}: required for Slack OAuth distribution, with ${Object.keys(oauth)
            .filter((n) => n !== name)
            .join(' and ')}`,
        );
    }
    if (config.SLACK_BOT_TOKEN)
      problems.push('SLACK_BOT_TOKEN: leave it empty with SLACK_CLIENT_ID (OAuth distribution keeps one token per workspace)');
    if (config.SLACK_APP_TOKEN) problems.push('SLACK_APP_TOKEN: leave it empty with SLACK_CLIENT_ID (OAuth distribution runs in HTTP mode)');
    if (!config.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID (Basic Information → Signing Secret)');
  } else if ((config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN) && !config.SLACK_BOT_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN: required to run the Slack app (OAuth & Permissions → Bot User OAuth Token, xoxb-…), or SLACK_CLIENT_ID… to distribute it',
    );
  }
  if (config.LLM_BASE_URL && !config.LLM_MODEL) problems.push('LLM_MODEL: required with LLM_BASE_URL');
  if (config.VIGIE_SENTIMENT_URL && config.VIGIE_SENTIMENT_API === 'openai' && !config.VIGIE_SENTIMENT_MODEL) {
    problems.push('VIGIE_SENTIMENT_MODEL: required with VIGIE_SENTIMENT_API=openai (the model the chat endpoint should use)');
  }
  return problems;
}

/** Parse the environment; every invalid setting is listed in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k]]));
  const result = EnvSchema.safeParse(known);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${String(issue.path[0] ?? '?')}: ${issue.message}`));
  }
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

export const SETTING_NAMES = Object.keys(EnvSchema.shape);

/** Whether the command line may print a stack trace: LOG_LEVEL=debug, read even without a valid configuration. */
export function debugOf(env: NodeJS.ProcessEnv): boolean {
  return env.LOG_LEVEL?.trim() === 'debug';
}

/** The language of the command line's own words, read before (and even without) a valid configuration. */
export function localeOf(env: NodeJS.ProcessEnv): Locale {
  const parsed = LocaleSchema.safeParse(env.VIGIE_LOCALE?.trim() || 'en');
  return parsed.success ? parsed.data : 'en';
}
