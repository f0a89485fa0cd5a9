import type { webApi } from '@slack/bolt';
import { SLACK_BOT_SCOPES } from '../../src/platforms/slack/settings.js';

type Manifest = webApi.AppsManifestCreateArguments['manifest'];

/** Placeholder of the public HTTPS address in the committed HTTP manifest: replaced by your own when you paste it. */
export const PLACEHOLDER_URL = 'https://vigie.example.com';

/**
 * Exactly the bot scopes the adapter uses: `/vigie` (commands), posting and updating alert threads
 * (chat:write), posting into public channels the bot was not invited to (chat:write.public), the chart
 * upload (files:write), and reading a channel's recent history (channels:history, groups:history for private ones)
 * to find a parent posted before a crash instead of posting it twice, and opening a direct message with an
 * escalation contact for a reminder (im:write). Opening the modal, user and channel pickers, response_url answers and
 * mentions need none.
 */
export const BOT_SCOPES = SLACK_BOT_SCOPES satisfies Readonly<NonNullable<NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot']>>;

/** Workspace lifecycle events: an uninstall or a revoked token deletes the workspace's tokens and pauses its plans. */
export const BOT_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const satisfies NonNullable<
  NonNullable<Manifest['settings']>['event_subscriptions']
>['bot_events'];

const LONG_DESCRIPTION = [
  'Vigie watches what people say about your brand on social networks, forums, video, news and petition sites,',
  'and alerts this workspace when negative mentions rise above what is normal for your brand.',
  'Each incident is one thread: severity, how far it has spread, the top posts, a volume chart and suggested responses,',
  'with buttons to acknowledge, escalate, mute or mark a false alarm. Set it up with /vigie plan.',
].join(' ');

/** The app manifest (https://docs.slack.dev/reference/app-manifest), checked against the SDK's manifest type. */
export function slackManifest(mode: 'http' | 'socket', baseUrl: string = PLACEHOLDER_URL) {
  const base = baseUrl.replace(/\/+$/, '');
  const events = `${base}/slack/events`;
  const http = mode === 'http';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Vigie',
      description: 'Crisis watch: alerts on spikes of negative mentions, with suggested responses.',
      long_description: LONG_DESCRIPTION,
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: 'vigie', always_online: true },
      slash_commands: [
        {
          command: '/vigie',
          description: 'Watch plans and incidents: plan, watch, list, status, help…',
          usage_hint: 'plan [name] | watch <plan> <query> | list | status | help',
          should_escape: false,
          ...(http ? { url: events } : {}),
        },
      ],
    },
    // The redirect of OAuth distribution (SLACK_CLIENT_ID…); unused by a single-workspace install.
    oauth_config: { ...(http ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}), scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS], ...(http ? { request_url: events } : {}) },
      interactivity: { is_enabled: true, ...(http ? { request_url: events } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !http,
      token_rotation_enabled: false,
    },
  } satisfies Manifest;
}
