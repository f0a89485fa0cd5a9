import { type ApiServer, startApiServer } from './api-server.js';
import { escapeXml } from './xml-escape.js';

export interface FakePetition {
  id: number;
  action: string;
  signatures: number;
  state?: 'open' | 'closed';
}

export interface FakeNewsItem {
  title: string;
  link: string;
  pubDate: string;
  source: string;
}

/** One UK Parliament petition resource, as `/petitions/<id>.json` and `/petitions.json` list it. */
function resource(base: string, p: FakePetition) {
  return {
    type: 'petition',
    id: p.id,
    links: { self: `${base}/petitions/${p.id}.json` },
    attributes: {
      action: p.action,
      background: 'Background text',
      additional_details: '',
      committee_note: null,
      state: p.state ?? 'open',
      signature_count: p.signatures,
      created_at: '2026-11-20T10:00:00.000Z',
      updated_at: '2026-11-27T11:59:00.000Z',
      open_at: '2026-11-21T10:00:00.000Z',
      closed_at: null,
      moderation_threshold_reached_at: '2026-11-21T11:00:00.000Z',
      response_threshold_reached_at: null,
      government_response_at: null,
      debate_threshold_reached_at: null,
      scheduled_debate_date: null,
      debate_outcome_at: null,
      creator_name: null,
      departments: [],
      topics: [],
    },
  };
}

/**
 * Stand-in for petition.parliament.uk (`/petitions.json?q=&state=`, `/petitions/<id>.json`) and for Google
 * News search RSS (`/rss/search?q=`), whose items link through news.google.com.
 */
export async function startFakePetitions(options: { petitions: FakePetition[]; news: FakeNewsItem[] }): Promise<ApiServer> {
  const server = await startApiServer((req) => {
    if (req.path === '/petitions.json') {
      const q = (req.query.get('q') ?? '').toLowerCase();
      const state = req.query.get('state');
      const data = options.petitions.filter(
        (p) => p.action.toLowerCase().includes(q) && (state === null || state === 'all' || (p.state ?? 'open') === state),
      );
      return {
        body: {
          links: { self: `${server.url}/petitions.json?q=${q}`, first: null, last: null, next: null, prev: null },
          data: data.map((p) => resource(server.url, p)),
        },
      };
    }
    const one = /^\/petitions\/(\d+)\.json$/.exec(req.path);
    if (one) {
      const petition = options.petitions.find((p) => p.id === Number(one[1]));
      if (!petition) return { status: 404, body: { error: 'Not Found' } };
      return { body: { links: { self: `${server.url}${req.path}` }, data: resource(server.url, petition) } };
    }
    if (req.path === '/rss/search') {
      const items = options.news.map(
        (n) =>
          `<item><title>${escapeXml(n.title)}</title><link>${escapeXml(n.link)}</link><guid isPermaLink="false">${escapeXml(n.link)}</guid><pubDate>${n.pubDate}</pubDate><description>${escapeXml(`<a href="${n.link}">${n.title}</a>`)}</description><source url="https://www.change.org">${escapeXml(n.source)}</source></item>`,
      );
      return {
        headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
        body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator><title>"${escapeXml(req.query.get('q') ?? '')}" - Google News</title><link>https://news.google.com/search</link><language>en-US</language><webMaster>news-webmaster@google.com</webMaster><copyright>2026 Google Inc.</copyright><lastBuildDate>Fri, 27 Nov 2026 12:00:00 GMT</lastBuildDate><description>Google News</description>${items.join('')}</channel></rss>`,
      };
    }
    return { status: 404, body: { error: 'Not Found' } };
  });
  return server;
}
