import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/sources/http.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { createRedditSource } from '../../src/sources/reddit.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
});

async function viaRss(fixture: string) {
  server = await startFixtureServer({ '/r/acme/new/.rss': fixture });
  const source = createRedditSource({ redditUrl: server.url, redditOauthUrl: server.url, limiter: createLimiter() });
  const result = await source.fetch(fetchContext(http, { kind: 'reddit', arg: 'r/acme' }));
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

async function viaOauth(fixture: string) {
  server = await startFixtureServer({ '/api/v1/access_token': 'reddit/oauth-token.json', '/r/acme/new': fixture });
  const source = createRedditSource({
    redditUrl: server.url,
    redditOauthUrl: server.url,
    redditClientId: 'id',
    redditClientSecret: 'secret',
    limiter: createLimiter(),
  });
  const result = await source.fetch(fetchContext(http, { kind: 'reddit', arg: 'r/acme' }));
  expect(result.mentions.length).toBeGreaterThan(0);
  return result;
}

describe('reddit source on real Reddit feeds (no credentials)', () => {
  it('reads the Atom front page: xhtml content in its order, the "submitted by" footer dropped', async () => {
    const result = await viaRss('reddit/front-page.atom');
    expect(result.mentions).toHaveLength(24);
    expect(result.mentions[0]).toMatchObject({
      id: 'reddit:t3_42tizy',
      url: 'https://www.reddit.com/r/funny/comments/42tizy/how_the_british_as_seen_by_americans_and_europeans/',
      author: 'u/AngryRedditorsBelow',
      text: 'How the British as seen by Americans and Europeans',
      publishedAt: Date.parse('2016-01-26T20:31:34Z'),
    });
    // A self post keeps its own text, before the footer.
    const selfPost = result.mentions.find((m) => m.id === 'reddit:t3_42t5rc');
    expect(selfPost?.text).toMatch(
      /^Being poor for a long time has really taught me a lot about money\..*\nThis is a little philosophical, I know\./s,
    );
    expect(selfPost?.text).not.toContain('submitted by');
  });

  it('reads subreddit feeds with html content (homelab, rust)', async () => {
    const homelab = await viaRss('reddit/subreddit-mediarss.atom');
    expect(homelab.mentions).toHaveLength(25);
    expect(homelab.mentions[0]).toMatchObject({
      id: 'reddit:t3_157kyrd',
      url: 'https://ud.reddit.com/r/homelab/comments/157kyrd/any_reason_to_keep_1g_connections_to_my_servers/',
      author: 'u/Remarkable_Housing61',
      publishedAt: Date.parse('2023-07-23T17:38:30Z'),
      text: 'Any reason to keep 1G connections to my servers?\nHello all, I recently acquired a 40G switch and some 40G cards for my rack and was wondering if there really is any reason to even keep 1G connections to my servers if I already have a 40G connection. My 40G network is bridged to my 1G network currently so all of my 40G devices have access to all of the 1G resources.',
    });
    const [rust] = (await viaRss('reddit/subreddit-feed-rs.atom')).mentions;
    expect(rust).toMatchObject({ id: 'reddit:t3_glvkc5', author: 'u/llogiq', title: 'Hey Rustaceans! Got an easy question? Ask here (21/2020)!' });
  });
});

describe('reddit source on real Reddit API listings (OAuth)', () => {
  it('reads a listing with scores and comment counts, newest first (r/all/new)', async () => {
    const result = await viaOauth('reddit/r-all-new.json');
    expect(result.mentions.map((m) => m.id)).toEqual(['reddit:t3_5jo144', 'reddit:t3_5jo143', 'reddit:t3_5jo141', 'reddit:t3_5jo140']);
    expect(result.mentions[0]).toMatchObject({
      url: 'https://www.reddit.com/r/UpliftingNews/comments/5jo144/newly_discovered_disease_could_hold_key_to/',
      author: 'u/3joan',
      title: "Newly discovered disease could hold key to Alzheimer's, Parkinson's – and even ageing",
      publishedAt: 1482373052000,
      metrics: { likes: 1, replies: 0 },
    });
  });

  it('reads a full page of 100 posts and a search page with self text (r/askreddit, search)', async () => {
    const askreddit = await viaOauth('reddit/r-askreddit-new.json');
    expect(askreddit.mentions).toHaveLength(100);
    expect(askreddit.mentions[0]).toMatchObject({
      id: 'reddit:t3_48fbm9',
      author: 'u/RedHeadQc',
      publishedAt: 1456821458000,
      metrics: { likes: 1, replies: 1 },
    });
    expect(askreddit.mentions.at(-1)?.id).toBe('reddit:t3_48f6io');
    const search = await viaOauth('reddit/search-praw-oauth.json');
    expect(search.mentions).toHaveLength(6);
    expect(search.mentions[0]).toMatchObject({
      id: 'reddit:t3_3gpbiu',
      author: 'u/dClauzel',
      title: '[PRAW][OAuth2Util] Problem using get_banned() : raise Forbidden(_raw=response)',
      metrics: { likes: 0, replies: 21 },
    });
    expect(search.mentions[0]?.text).toContain('I am a moderator of /r/Europe');
  });
});
