import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../../fakes/feed-server.js';
import type { FeedServer } from '../../fakes/feed-server.js';
import { testVigie } from '../../support/vigie.js';
import type { TestVigie } from '../../support/vigie.js';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { FSI } from '../../../src/i18n/bidi.js';
import type { Locale } from '../../../src/i18n/locale.js';

const slack = (workspace: string, locale: Locale = 'en'): CommandContext => ({
  scope: { platform: 'slack', workspace },
  channel: 'C1',
  user: 'U1',
  locale,
});

describe('command service', () => {
  let feeds: FeedServer;
  let app: TestVigie;
  beforeAll(async () => {
    const now = Date.now();
    feeds = await startFeedServer({
      items: [
        { guid: 'a', link: 'https://news.example/a', title: 'Acme lost my bags, terrible service', date: new Date(now - 60_000).toISOString() },
        { guid: 'b', link: 'https://news.example/b', title: 'Globex opens a new store', date: new Date(now - 120_000).toISOString() },
      ],
    });
    app = await testVigie({ VIGIE_GNEWS_URL: feeds.url });
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  it('creates, edits, shows, pauses and removes a plan', async () => {
    const ctx = slack('T1');
    expect((await app.say('watch acme Acme OR #acme', ctx)).text).toContain('Plan *acme* created');
    expect((await app.say('add acme "Acme Air" acmeair', ctx)).text).toContain('`(Acme OR #acme) OR "Acme Air" OR acmeair`');
    expect((await app.say('exclude acme job', ctx)).text).toContain('-job');
    expect((await app.say('competitor acme Globex', ctx)).text).toContain('competitors query is now `Globex`');
    expect((await app.say('news acme "Acme SA"', ctx)).text).toContain('business news query');
    expect((await app.say(`source acme rss ${feeds.url}/rss.xml`, ctx)).text).toContain('now listens to rss');
    expect((await app.say('set acme sensitivity high', ctx)).text).toContain('sensitivity is now high');
    expect((await app.say('set acme quiet 22:00-07:00 Africa/Casablanca', ctx)).text).toContain('22:00-07:00 Africa/Casablanca');
    const shown = (await app.say('show acme', ctx)).text;
    expect(shown).toContain('brand: `((Acme OR #acme) OR "Acme Air" OR acmeair) -job`');
    expect(shown).toContain('competitors: `Globex`');
    expect(shown).toContain('quiet hours: 22:00–07:00 (Africa/Casablanca)');
    expect((await app.say('list', ctx)).text).toMatch(/\*acme\*: active/);
    expect((await app.say('pause acme', ctx)).text).toContain('paused');
    expect((await app.say('list', ctx)).text).toMatch(/\*acme\*: paused/);
    expect((await app.say('resume acme', ctx)).text).toContain('active again');
    expect((await app.say(`unsource acme rss ${feeds.url}/rss.xml`, ctx)).text).toContain('no longer listens');
    expect((await app.say('remove acme', ctx)).text).toContain('removed');
    expect((await app.say('list', ctx)).text).toContain('No plan');
  });

  it('tests a plan without alerting and shows sentiment', async () => {
    const ctx = slack('T9');
    await app.watchOnly('acme', 'Acme', ctx);
    await app.say(`source acme rss ${feeds.url}/rss.xml`, ctx);
    const { text } = await app.say('test acme', ctx);
    expect(text).toMatch(/2 item\(s\) fetched, 1 match/);
    expect(text).toContain('Acme lost my bags');
    expect(text).not.toContain('Globex');
    expect(await app.vigie.store.incidents.list((await app.vigie.store.plans.get(ctx.scope, 'acme'))!.id, 5)).toEqual([]);
    const status = (await app.say('status', ctx)).text;
    expect(status).toContain('rss');
  });

  it("says why a source fails in the reader's language, with the technical detail as it came", async () => {
    const ctx = slack('T8', 'fr');
    await app.watchOnly('panne', 'Acme', ctx);
    expect((await app.say(`source panne rss ${feeds.url}/status/503`, ctx)).text).toContain('rss');
    for (const job of await app.vigie.pipeline.dueJobs(Date.now())) await app.vigie.pipeline.poll(job);
    const status = (await app.say('status', ctx)).text;
    expect(status).toMatch(/en échec \(1×\) : le serveur a répondu par une erreur \([^)]*503/);
    expect(status).not.toContain('http_status');
    const refused = (await app.say('source panne reddit pas/un/sub', ctx)).text;
    expect(refused).toContain('La source reddit ne peut pas utiliser « pas/un/sub » : « pas/un/sub » n’est pas un subreddit.');
  });

  it('answers in the workspace language', async () => {
    const { text } = await app.say('watch marque Marque', slack('T3', 'fr'));
    expect(text).toContain('Plan *marque* créé dans ce canal');
    expect((await app.say('show inconnu', slack('T3', 'fr'))).text).toContain('Aucun plan nommé « inconnu »');
    // The plan's status is a word of the reader's language, not the stored value.
    expect((await app.say('list', slack('T3', 'fr'))).text).toContain('*marque* : actif,');
    expect((await app.say('show marque', slack('T3', 'ar'))).text).toContain(`(${FSI}نشطة\u2069)`);
  });

  it('switches a plan to Arabic, answers an Arabic workspace in Arabic, and takes back a command copied from its reply', async () => {
    const en = slack('T5');
    await app.watchOnly('acme', 'Acme', en);
    expect((await app.say('set acme locale ar', en)).text).toContain('locale is now ar');
    expect((await app.say('show acme', en)).text).toContain('plan language: ar');
    expect((await app.say('set acme locale de', en)).text).toContain('en, fr or ar');
    const ar = slack('T5', 'ar');
    const paused = (await app.say('pause acme', ar)).text;
    expect(paused).toContain('موقوفة مؤقتًا');
    // The example command is an isolate inside its code span; copied back as is, it still runs.
    const copied = paused.match(/`([^`]+)`/)?.[1] ?? '';
    expect(copied).toBe(`${FSI}resume acme\u2069`);
    expect((await app.say(copied, ar)).text).toContain('نشطة من جديد');
  });

  it('explains every error and shows the right usage', async () => {
    const ctx = slack('T4');
    expect((await app.say('frobnicate', ctx)).text).toContain('I don\'t know the command "frobnicate"');
    const missing = await app.say('watch acme', ctx);
    expect(missing.reply.ok).toBe(false);
    expect(missing.text).toContain('The query is missing');
    expect(missing.text).toContain('Usage: `watch <plan> <query>`');
    const badQuery = (await app.say('watch acme (Acme OR', ctx)).text;
    expect(badQuery).toMatch(/brand query has an error. The query stops too early \(column \d+\): expected/);
    expect(badQuery).toContain('^');
    expect((await app.say('show nope', ctx)).text).toContain('Usage: `show <plan|incident>`');
    await app.say('watch acme Acme', ctx);
    expect((await app.say('source acme carrier-pigeon', ctx)).text).toContain('I don\'t know the source kind "carrier-pigeon"');
    expect((await app.say('source acme rss ftp://example.com/feed', ctx)).text).toContain('The rss source can\'t use "ftp://example.com/feed"');
    expect((await app.say('set acme sensitivity extreme', ctx)).text).toContain('low, normal or high');
    expect((await app.say('set acme colour red', ctx)).text).toContain('I can\'t set "colour"');
  });

  it("keeps workspaces apart: one never sees, changes or acts on another's plans", async () => {
    await app.say('watch secret Secret', slack('T5'));
    expect((await app.say('list', slack('T6'))).text).toContain('No plan');
    expect((await app.say('show secret', slack('T6'))).reply.ok).toBe(false);
    expect((await app.say('pause secret', slack('T6'))).reply.ok).toBe(false);
    expect((await app.say('remove secret', slack('T6'))).reply.ok).toBe(false);
    expect((await app.say('list', slack('T5'))).text).toMatch(/\*secret\*: active/);
    expect((await app.say('list', { ...slack('T5'), scope: { platform: 'teams', workspace: 'T5' } })).text).toContain('No plan');
  });
});
