import { z } from 'zod';

/** The bot scopes Vigie asks for when a workspace installs it; the manifest asks for these (why each: manifests/slack/manifest.ts). */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'channels:history',
  'groups:history',
  'im:write',
] as const;

/** Slack's consent page, where `/slack/install` sends the installer. */
export const SLACK_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

/**
 * Distribution to many workspaces: each workspace installs Vigie through OAuth and its token is kept in the store
 * (HTTP mode only: Socket Mode apps cannot be distributed).
 */
export const SlackOAuthSettingsSchema = z.object({
  /** "Basic Information" → App Credentials → Client ID. */
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Any long random string: signs the `state` of an install so that a forged redirect is refused. */
  stateSecret: z.string().min(1),
  /** Slack's authorize page; a test points it at a fake. */
  authorizeUrl: z.url().default(SLACK_AUTHORIZE_URL),
});
export type SlackOAuthSettings = z.output<typeof SlackOAuthSettingsSchema>;

/**
 * What the Slack adapter needs, taken from config.ts (SLACK_* variables). One workspace: the bot token, plus the
 * signing secret in HTTP mode, or an app-level token (`xapp-…`) for Socket Mode. Many workspaces: `oauth` and the
 * signing secret instead of the bot token.
 */
export const SlackSettingsSchema = z
  .object({
    /** Bot User OAuth Token (`xoxb-…`), from "OAuth & Permissions" after installing the app. */
    botToken: z
      .string()
      .regex(/^xoxb-/, 'a bot token starts with "xoxb-"')
      .optional(),
    oauth: SlackOAuthSettingsSchema.optional(),
    /** "Basic Information" → Signing Secret: every HTTP request from Slack is checked against it (HTTP mode). */
    signingSecret: z.string().min(1).optional(),
    /** App-level token with `connections:write` (`xapp-…`): when set, Socket Mode instead of HTTP. */
    appToken: z
      .string()
      .regex(/^xapp-/, 'an app-level token starts with "xapp-"')
      .optional(),
    /** Web API base URL; for tests, proxies and GovSlack (https://slack-gov.com/api/). */
    apiUrl: z.url().optional(),
    /** The slash command, as declared in the manifest. */
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]+$/)
      .default('/vigie'),
    /** Retries of a Web API call answered with a 5xx or a network error, with exponential back-off. */
    retries: z.number().int().min(0).max(10).default(3),
    /** First back-off delay of those retries; doubled each time, capped at `retryMaxMs`. */
    retryMinMs: z.number().int().positive().default(1000),
    retryMaxMs: z.number().int().positive().default(10_000),
    /** Spacing of calls into one channel: Slack allows about one message per second per channel. */
    channelIntervalMs: z.number().int().nonnegative().default(1100),
    /** A 429 asking to wait longer than this is handed back to the outbox instead of waited out in place. */
    maxRateLimitWaitMs: z.number().int().nonnegative().default(30_000),
    /** Time a slow command has before the slash command is acknowledged and the answer moves to response_url. */
    ackBudgetMs: z.number().int().positive().max(2500).default(2000),
  })
  .refine((s) => (s.botToken === undefined) !== (s.oauth === undefined), {
    path: ['botToken'],
    message: 'either one bot token (SLACK_BOT_TOKEN) or OAuth distribution (SLACK_CLIENT_ID…), not both',
  })
  .refine((s) => s.oauth === undefined || s.appToken === undefined, {
    path: ['appToken'],
    message: 'OAuth distribution runs in HTTP mode: remove SLACK_APP_TOKEN',
  })
  .refine((s) => s.appToken !== undefined || s.signingSecret !== undefined, {
    path: ['signingSecret'],
    message: 'HTTP mode needs the signing secret (SLACK_SIGNING_SECRET); or set SLACK_APP_TOKEN for Socket Mode',
  });
export type SlackSettings = z.input<typeof SlackSettingsSchema>;
export type ResolvedSlackSettings = z.output<typeof SlackSettingsSchema>;
