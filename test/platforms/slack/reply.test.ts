import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { channelMention, slackReplyText, userMention } from '../../../src/platforms/slack/reply.js';

describe('command replies in Slack show people and channels, not their ids', () => {
  it('turns user and channel ids into mentions, and leaves anything else alone', () => {
    expect(userMention('U0ALICE')).toBe('<@U0ALICE>');
    expect(userMention('W012ABC')).toBe('<@W012ABC>');
    expect(userMention('local')).toBe('local');
    expect(channelMention('C0COMMS')).toBe('<#C0COMMS>');
    expect(channelMention('G0PRIV')).toBe('<#G0PRIV>');
    expect(channelMention('terminal')).toBe('terminal');
  });

  it('formats the parameters that name people or channels, in every line', () => {
    const text = slackReplyText(
      {
        ok: true,
        lines: [
          {
            key: 'cmd.show.header',
            params: { plan: 'acme', status: 'active', createdBy: 'U0ALICE', createdAt: '2026-11-27 09:00 UTC', channel: 'C0COMMS' },
          },
          { key: 'cmd.show.escalation', params: { contacts: 'U0ESC1, U0ESC2' } },
          { key: 'cmd.action.acknowledge', params: { user: 'U0BOB' } },
        ],
      },
      'en',
    );
    expect(text.split('\n')).toEqual([
      t('en', 'cmd.show.header', {
        plan: 'acme',
        status: 'active',
        createdBy: '<@U0ALICE>',
        createdAt: '2026-11-27 09:00 UTC',
        channel: '<#C0COMMS>',
      }),
      t('en', 'cmd.show.escalation', { contacts: '<@U0ESC1>, <@U0ESC2>' }),
      t('en', 'cmd.action.acknowledge', { user: '<@U0BOB>' }),
    ]);
    expect(text).toContain('created by <@U0ALICE>');
    expect(text).toContain('alerts in <#C0COMMS>');
  });
});
