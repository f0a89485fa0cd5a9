import type { Config } from '../config.js';
import type { SourceSettings } from '../sources/registry.js';
import type { Logger } from '../log.js';

/** The settings of every source kind, from the configuration. */
export function sourceSettings(
  config: Config,
  extra: { logger: Logger; petitionLinks: (planId: string, sinceMs: number) => Promise<string[]> },
): SourceSettings {
  return {
    gnewsUrl: config.VIGIE_GNEWS_URL,
    galertsUrl: config.VIGIE_GALERTS_URL,
    xUrl: config.VIGIE_X_URL,
    ...(config.X_BEARER_TOKEN ? { xBearerToken: config.X_BEARER_TOKEN } : {}),
    xDailyReads: config.X_DAILY_READS,
    blueskyUrl: config.VIGIE_BLUESKY_URL,
    ...(config.BLUESKY_HANDLE ? { blueskyHandle: config.BLUESKY_HANDLE } : {}),
    ...(config.BLUESKY_APP_PASSWORD ? { blueskyAppPassword: config.BLUESKY_APP_PASSWORD } : {}),
    blueskyStreamUrl: config.VIGIE_BLUESKY_STREAM_URL,
    blueskyStreamBuffer: config.VIGIE_BLUESKY_STREAM_BUFFER,
    mastodonInstances: config.VIGIE_MASTODON_INSTANCES,
    ...(config.MASTODON_ACCESS_TOKEN ? { mastodonAccessToken: config.MASTODON_ACCESS_TOKEN } : {}),
    redditUrl: config.VIGIE_REDDIT_URL,
    redditOauthUrl: config.VIGIE_REDDIT_OAUTH_URL,
    ...(config.REDDIT_CLIENT_ID ? { redditClientId: config.REDDIT_CLIENT_ID } : {}),
    ...(config.REDDIT_CLIENT_SECRET ? { redditClientSecret: config.REDDIT_CLIENT_SECRET } : {}),
    redditUserAgent: config.REDDIT_USER_AGENT,
    hnUrl: config.VIGIE_HN_URL,
    youtubeUrl: config.VIGIE_YOUTUBE_URL,
    youtubeApiUrl: config.VIGIE_YOUTUBE_API_URL,
    ...(config.YOUTUBE_API_KEY ? { youtubeApiKey: config.YOUTUBE_API_KEY } : {}),
    youtubeDailyQuota: config.YOUTUBE_DAILY_QUOTA,
    gdeltUrl: config.VIGIE_GDELT_URL,
    petitionsUrl: config.VIGIE_PETITIONS_URL,
    petitionLinks: extra.petitionLinks,
    logger: extra.logger,
  };
}
