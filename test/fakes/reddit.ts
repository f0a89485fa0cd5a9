import { type ApiServer, type FakeReply, startApiServer } from './api-server.js';
import { matchesSearch } from './keyword-match.js';
import { escapeXml } from './xml-escape.js';

export interface FakeRedditPost {
  id: string;
  subreddit: string;
  title: string;
  selftext: string;
  author: string;
  createdUtc: number;
  score?: number;
  comments?: number;
}

/** Reddit's Atom feed for search and subreddit listings (HTML content escaped, "submitted by" trailer). */
function atomFeed(base: string, selfPath: string, title: string, posts: FakeRedditPost[]): string {
  const entries = posts.map((p) => {
    const permalink = `${base}/r/${p.subreddit}/comments/${p.id}/${p.title.toLowerCase().replace(/\W+/g, '_')}/`;
    const html = `<!-- SC_OFF --><div class="md"><p>${escapeXml(p.selftext)}</p></div><!-- SC_ON --> &#32; submitted by &#32; <a href="${base}/user/${p.author}"> /u/${p.author} </a> <br/> <span><a href="${permalink}">[link]</a></span> &#32; <span><a href="${permalink}">[comments]</a></span>`;
    const published = new Date(p.createdUtc * 1000).toISOString().replace('.000Z', '+00:00');
    return `<entry><author><name>/u/${p.author}</name><uri>${base}/user/${p.author}</uri></author><category term="${p.subreddit}" label="r/${p.subreddit}"/><content type="html">${escapeXml(html)}</content><id>t3_${p.id}</id><link href="${permalink}" /><updated>${published}</updated><published>${published}</published><title>${escapeXml(p.title)}</title></entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><category term="all" label="r/all"/><updated>2026-11-27T12:00:00+00:00</updated><icon>https://www.redditstatic.com/icon.png/</icon><id>${escapeXml(selfPath)}</id><link rel="self" href="${escapeXml(base + selfPath)}" type="application/atom+xml" /><link rel="alternate" href="${escapeXml(base + selfPath)}" type="text/html" /><title>${escapeXml(title)}</title>${entries.join('')}</feed>`;
}

/**
 * Stand-in for www.reddit.com (search and subreddit RSS, `/api/v1/access_token` client credentials) and
 * oauth.reddit.com (`/search`, `/r/<sub>/new` Listings with `after` pagination), on one server.
 */
export async function startFakeReddit(options: { posts: FakeRedditPost[]; clientId: string; clientSecret: string }): Promise<ApiServer> {
  const tokens = new Set<string>();
  let issued = 0;
  const server = await startApiServer((req): FakeReply => {
    const newestFirst = (list: FakeRedditPost[]) => [...list].sort((a, b) => b.createdUtc - a.createdUtc);
    const searched = (q: string) => options.posts.filter((p) => matchesSearch(q, `${p.title} ${p.selftext}`));
    if (req.path === '/search.rss') {
      const q = req.query.get('q') ?? '';
      return {
        headers: { 'content-type': 'application/atom+xml; charset=UTF-8' },
        body: atomFeed(server.url, `/search.rss?q=${q}`, `reddit.com: search results - ${q}`, newestFirst(searched(q)).slice(0, 25)),
      };
    }
    const rss = /^\/r\/(\w+)\/new\/\.rss$/.exec(req.path);
    if (rss) {
      const sub = options.posts.filter((p) => p.subreddit === rss[1]);
      return {
        headers: { 'content-type': 'application/atom+xml; charset=UTF-8' },
        body: atomFeed(server.url, req.path, `newest submissions : ${rss[1]}`, newestFirst(sub).slice(0, 25)),
      };
    }
    if (req.path === '/api/v1/access_token' && req.method === 'POST') {
      const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic || !req.body.includes('grant_type=client_credentials'))
        return { status: 401, body: { message: 'Unauthorized', error: 401 } };
      issued += 1;
      tokens.add(`tok-${issued}`);
      return { body: { access_token: `tok-${issued}`, token_type: 'bearer', expires_in: 86400, scope: '*' } };
    }
    if (req.path === '/search' || /^\/r\/\w+\/new$/.test(req.path)) {
      if (!tokens.has((req.headers.authorization ?? '').replace('Bearer ', '')))
        return { status: 401, body: { message: 'Unauthorized', error: 401 } };
      const sub = /^\/r\/(\w+)\/new$/.exec(req.path)?.[1];
      const list = newestFirst(sub ? options.posts.filter((p) => p.subreddit === sub) : searched(req.query.get('q') ?? ''));
      const limit = Number(req.query.get('limit') ?? '25');
      const after = req.query.get('after');
      const start = after ? list.findIndex((p) => `t3_${p.id}` === after) + 1 : 0;
      const page = list.slice(start, start + limit);
      const last = page.at(-1);
      return {
        headers: { 'x-ratelimit-remaining': '99.0', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '420' },
        body: {
          kind: 'Listing',
          data: {
            after: start + limit < list.length && last ? `t3_${last.id}` : null,
            dist: page.length,
            modhash: '',
            before: null,
            children: page.map((p) => ({
              kind: 't3',
              data: {
                subreddit: p.subreddit,
                selftext: p.selftext,
                author_fullname: `t2_${p.author}`,
                title: p.title,
                subreddit_name_prefixed: `r/${p.subreddit}`,
                name: `t3_${p.id}`,
                ups: p.score ?? 1,
                score: p.score ?? 1,
                upvote_ratio: 0.9,
                created_utc: p.createdUtc,
                id: p.id,
                author: p.author,
                num_comments: p.comments ?? 0,
                permalink: `/r/${p.subreddit}/comments/${p.id}/slug/`,
                url: `https://www.reddit.com/r/${p.subreddit}/comments/${p.id}/slug/`,
                over_18: false,
              },
            })),
          },
        },
      };
    }
    return { status: 404, body: { message: 'Not Found', error: 404 } };
  });
  return server;
}
