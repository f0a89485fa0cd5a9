import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vigie } from '../../../src/app/vigie.js';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { t } from '../../../src/i18n/catalog.js';
import { slackReplyText } from '../../../src/platforms/slack/reply.js';
import { type FeedServer, startFeedServer } from '../../fakes/feed-server.js';
import { T0 } from './fixtures.js';
import { bootVigie } from './app.js';
import { type Harness, startHarness } from './harness.js';
import { type Who, postSigned, slashBody } from './wire.js';

const ALICE: Who = { team: 'T1', channel: 'C0COMMS', user: 'U0ALICE' };
const CTX: CommandContext = { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C0COMMS', user: 'U0ALICE', locale: 'en' };

describe('/vigie, every command, through the real command service', () => {
  let app: Awaited<ReturnType<typeof bootVigie>>;
  /** The same application on its own store, fed the same commands: what the reply must say, word for word. */
  let twin: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  let feeds: FeedServer;
  let vigie: Vigie;
  let n = 0;

  beforeAll(async () => {
    feeds = await startFeedServer({
      items: [{ title: 'Acme Air cancels flights again', link: 'https://news.example/1', date: new Date(T0).toISOString() }],
    });
    app = await bootVigie(() => T0);
    twin = await bootVigie(() => T0);
    vigie = app.vigie;
    harness = await startHarness({ commands: vigie.commands, store: vigie.store });
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
    await twin.cleanup();
    await feeds.close();
  });

  /** Type `/vigie <text>` in Slack; returns the text of the acknowledgement. */
  async function slash(text: string, who: Who = ALICE): Promise<{ status: number; body: { response_type?: string; text?: string } }> {
    n += 1;
    const res = await postSigned(harness.events, slashBody(text, harness.fake.responseUrl(`c${n}`), who));
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as { text?: string }) : {} };
  }

  async function expected(text: string): Promise<string> {
    return slackReplyText(await twin.vigie.commands.run(text, CTX), 'en');
  }

  const plan = () => vigie.store.plans.get(CTX.scope, 'acme');

  it.each([
    ['help', async () => undefined],
    ['watch acme "Acme Air"', async () => expect((await plan())?.destination).toEqual({ platform: 'slack', workspace: 'T1', channel: 'C0COMMS' })],
    ['add acme refund', async () => expect((await plan())?.what.brand).toContain('refund')],
    ['exclude acme job', async () => expect((await plan())?.what.brand).toContain('job')],
    ['competitor acme "Nimbus Air"', async () => expect((await plan())?.what.competitors).toContain('Nimbus Air')],
    ['news acme "Acme Air" strike', async () => expect((await plan())?.what.news).toContain('strike')],
    ['source acme gnews', async () => expect((await plan())?.sources.map((s) => s.kind)).toContain('gnews')],
    ['unsource acme gnews', async () => expect((await plan())?.sources.map((s) => s.kind)).not.toContain('gnews')],
    ['list', async () => undefined],
    ['show acme', async () => undefined],
    ['pause acme', async () => expect((await plan())?.status).toBe('paused')],
    ['resume acme', async () => expect((await plan())?.status).toBe('active')],
    ['status', async () => undefined],
  ])('%s', async (text, effect) => {
    const want = await expected(text);
    const { status, body } = await slash(text);
    expect(status).toBe(200);
    expect(body).toEqual({ response_type: 'ephemeral', text: want });
    expect(want).not.toBe(t('en', 'slack.reply.failed'));
    await effect();
  });

  it('source with an argument: an RSS feed', async () => {
    const text = `source acme rss ${feeds.url}/rss.xml`;
    const want = await expected(text);
    expect((await slash(text)).body.text).toBe(want);
    expect((await plan())?.sources).toContainEqual({ kind: 'rss', arg: `${feeds.url}/rss.xml` });
  });

  it('test: acknowledged at once, answered later through response_url', async () => {
    // Only the loopback feed may be polled: the sources `watch` added by default would reach the internet.
    for (const source of (await plan())?.sources.filter((s) => s.kind !== 'rss') ?? []) {
      const text = `unsource acme ${source.kind}${source.arg !== undefined ? ` ${source.arg}` : ''}`;
      await expected(text);
      await slash(text);
    }
    expect((await plan())?.sources).toEqual([{ kind: 'rss', arg: `${feeds.url}/rss.xml` }]);
    const want = await expected('test acme');
    const { body } = await slash('test acme');
    expect(body.text).toBe(t('en', 'slack.reply.working'));
    const answer = await harness.fake.waitForResponse((p) => p.id === `c${n}`, 15_000);
    expect(answer.body).toEqual({ response_type: 'ephemeral', text: want });
    expect(feeds.requests.some((r) => r.path === '/rss.xml')).toBe(true);
  });

  it('keeps workspaces apart: another team sees none of these plans', async () => {
    const other: Who = { team: 'T2', channel: 'C9', user: 'U9' };
    const list = await slash('list', other);
    expect(list.body.text).toBe(
      slackReplyText(await twin.vigie.commands.run('list', { ...CTX, scope: { platform: 'slack', workspace: 'T2' } }), 'en'),
    );
    expect(list.body.text).not.toContain('acme');
    await slash('remove acme', other);
    expect(await plan()).toBeDefined();
  });

  it('remove acme', async () => {
    const want = await expected('remove acme');
    expect((await slash('remove acme')).body.text).toBe(want);
    expect(await plan()).toBeUndefined();
  });

  it('a mistyped command gets the parser’s own explanation, not an error', async () => {
    const want = await expected('wach acme');
    expect((await slash('wach acme')).body.text).toBe(want);
    expect(want).not.toBe(t('en', 'slack.reply.failed'));
  });
});
