import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceKey } from '../../../src/platforms/teams/inbound.js';
import { t } from '../../../src/i18n/catalog.js';
import { CHANNEL, TENANT } from './fixtures.js';
import { CORRECT_VERB } from '../../../src/platforms/teams/cards.js';
import { messageActivity, startHarness, type Harness } from './harness.js';

const COMMANDS = [
  'help',
  'watch acme "Acme Air" OR acmeair',
  'add acme refund',
  'exclude acme jobs',
  'competitor acme "Globex"',
  'news acme acme merger',
  'source acme rss https://example.com/feed.xml',
  'unsource acme rss https://example.com/feed.xml',
  'list',
  'show acme',
  'pause acme',
  'resume acme',
  'remove acme',
  'status',
];

describe('Teams commands over the wire (CloudAdapter + fake Bot Connector)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Mention the bot with a command in the channel; the command service must receive it from Alice, in this tenant. */
  async function mention(command: string) {
    const activity = messageActivity(command, { serviceUrl: h.connector.url });
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    const last = h.commands.runs.at(-1);
    expect(last?.text).toBe(command);
    expect(last?.ctx).toEqual({ scope: { platform: 'teams', workspace: TENANT }, channel: CHANNEL, user: 'Alice Martin', locale: 'en' });
    return activity;
  }

  it.each(COMMANDS)('a channel mention with "%s" reaches the command service and is answered in the thread', async (command) => {
    const activity = await mention(command);
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(reply.conversationId).toBe(`${CHANNEL};messageid=${activity.id}`);
    expect(reply.body.text).toBe(`echo:${command}`);
    expect(reply.authorization).toBeUndefined();
  });

  it('a channel mention with "test acme" (a slow command) is acknowledged at once and answered later in the same thread', async () => {
    const activity = await mention('test acme');
    await h.runtime.stop();
    const acknowledged = h.connector.calls.find((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(acknowledged?.body.text).toBe(t('en', 'teams.working'));
    const answer = await h.connector.waitFor((c) => c.op === 'sendToConversation' && c.body.text === 'echo:test acme');
    expect(answer.conversationId).toBe(`${CHANNEL};messageid=${activity.id}`);
  });

  /** What Teams delivers for an `Action.Submit` of a card in a channel: no text, no mention, the inputs in `value`. */
  const submit = (value: Record<string, unknown>): Record<string, unknown> => {
    const { text: _text, entities: _entities, ...activity } = messageActivity('', { serviceUrl: h.connector.url, mention: false });
    return { ...activity, value };
  };

  it('the "wrong sentiment" form of an alert card runs `correct` with the chosen post and label', async () => {
    const activity = submit({ verb: CORRECT_VERB, incidentId: 'inc-1', post: '932e6e58', label: 'neutral' });
    expect((await h.post(activity)).status).toBe(200);
    expect(h.commands.runs.at(-1)).toEqual({
      text: 'correct 932e6e58 neutral',
      ctx: { scope: { platform: 'teams', workspace: TENANT }, channel: CHANNEL, user: 'Alice Martin', locale: 'en' },
    });
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(reply.body.text).toBe('echo:correct 932e6e58 neutral');
  });

  it('refuses a forged correction form without running anything', async () => {
    const before = h.commands.runs.length;
    const activity = submit({ verb: CORRECT_VERB, post: '932e6e58 positive; remove acme', label: 'neutral' });
    expect((await h.post(activity)).status).toBe(200);
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(reply.body.text).toContain('No post');
    expect(h.commands.runs.length).toBe(before);
  });

  it('answers any message in a personal chat, without a mention, in the user’s language', async () => {
    const activity = messageActivity('list', { serviceUrl: h.connector.url, kind: 'personal', locale: 'fr-FR' });
    await h.post(activity);
    expect(h.commands.runs.at(-1)).toMatchObject({ text: 'list', ctx: { channel: 'a:personal-chat', locale: 'fr' } });
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(reply.conversationId).toBe('a:personal-chat');
    await h.post(messageActivity('status', { serviceUrl: h.connector.url, kind: 'personal', locale: 'ar-MA' }));
    expect(h.commands.runs.at(-1)).toMatchObject({ text: 'status', ctx: { locale: 'ar' } });
  });

  it('ignores a group-chat message that does not mention the bot', async () => {
    const before = h.commands.runs.length;
    const res = await h.post(messageActivity('list', { serviceUrl: h.connector.url, kind: 'groupChat', mention: false }));
    expect(res.status).toBe(200);
    expect(h.commands.runs.length).toBe(before);
  });

  it('treats a bare mention as help', async () => {
    const activity = messageActivity('', { serviceUrl: h.connector.url });
    await h.post(activity);
    expect(h.commands.runs.at(-1)?.text).toBe('help');
  });

  it('remembers the conversation a command came from, for alerts posted later', async () => {
    const stored = await h.store.installations.get('teams', referenceKey(TENANT, CHANNEL));
    expect(stored).toMatchObject({
      serviceUrl: h.connector.url,
      tenantId: TENANT,
      conversationId: CHANNEL,
      conversationType: 'channel',
      botId: '28:vigie-bot',
    });
  });

  it('answers the Bot Framework Emulator (no tenant, no Teams channel data) in local mode', async () => {
    const activity = {
      type: 'message',
      id: 'emu-1',
      channelId: 'emulator',
      serviceUrl: h.connector.url,
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot-1', name: 'Bot' },
      conversation: { id: 'emu-conversation' },
      text: 'status',
    };
    expect((await h.post(activity)).status).toBe(200);
    expect(h.commands.runs.at(-1)).toMatchObject({
      text: 'status',
      ctx: { scope: { platform: 'teams', workspace: 'emulator' }, channel: 'emu-conversation' },
    });
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === 'emu-1');
    expect(reply.body.text).toBe('echo:status');
  });
});
