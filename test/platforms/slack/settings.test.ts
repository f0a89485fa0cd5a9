import { describe, expect, it } from 'vitest';
import { SlackSettingsSchema } from '../../../src/platforms/slack/settings.js';

describe('Slack settings', () => {
  it('HTTP mode: bot token and signing secret, with defaults for the rest', () => {
    const settings = SlackSettingsSchema.parse({ botToken: 'xoxb-1-2', signingSecret: 'abc' });
    expect(settings).toMatchObject({ command: '/vigie', retries: 3, channelIntervalMs: 1100, ackBudgetMs: 2000 });
    expect(settings.appToken).toBeUndefined();
  });

  it('Socket Mode needs no signing secret', () => {
    expect(SlackSettingsSchema.safeParse({ botToken: 'xoxb-1', appToken: 'xapp-1' }).success).toBe(true);
  });

  it('says which setting is missing or wrong', () => {
    const noSecret = SlackSettingsSchema.safeParse({ botToken: 'xoxb-1' });
    expect(noSecret.success).toBe(false);
    expect(noSecret.error?.issues[0]?.message).toContain('SLACK_SIGNING_SECRET');
    const swapped = SlackSettingsSchema.safeParse({ botToken: 'xapp-1', signingSecret: 's' });
    expect(swapped.error?.issues.map((i) => i.path.join('.'))).toEqual(['botToken']);
    expect(SlackSettingsSchema.safeParse({ botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'not a url' }).success).toBe(false);
  });

  it('OAuth distribution: client credentials and the signing secret instead of a bot token', () => {
    const oauth = { clientId: '1.2', clientSecret: 'c', stateSecret: 's' };
    const settings = SlackSettingsSchema.parse({ oauth, signingSecret: 'abc' });
    expect(settings.oauth).toEqual({ ...oauth, authorizeUrl: 'https://slack.com/oauth/v2/authorize' });
    expect(settings.botToken).toBeUndefined();
    const both = SlackSettingsSchema.safeParse({ oauth, botToken: 'xoxb-1', signingSecret: 'abc' });
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['botToken']);
    const socket = SlackSettingsSchema.safeParse({ oauth, appToken: 'xapp-1' });
    expect(socket.error?.issues.map((i) => i.path.join('.'))).toEqual(['appToken']);
    expect(SlackSettingsSchema.safeParse({ signingSecret: 'abc' }).error?.issues[0]?.message).toContain('SLACK_CLIENT_ID');
  });
});
