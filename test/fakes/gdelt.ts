import { type ApiServer, startApiServer } from './api-server.js';

export interface FakeArticle {
  url: string;
  title: string;
  /** GDELT's `YYYYMMDDTHHMMSSZ`. */
  seendate: string;
  domain: string;
  language?: string;
}

const toSeen = (compact: string) => `${compact.slice(0, 8)}T${compact.slice(8, 14)}Z`;

/**
 * Stand-in for the GDELT DOC 2.0 API in `mode=artlist&format=json`: `(a OR b)` and `domainis:` queries,
 * `startdatetime` / `enddatetime` (inclusive), `sort=datedesc`, `maxrecords`; `{}` when nothing matches and
 * plain-text errors with status 200, as GDELT does.
 */
export async function startFakeGdelt(articles: FakeArticle[]): Promise<ApiServer> {
  return startApiServer((req) => {
    if (req.path !== '/api/v2/doc/doc') return { status: 404, body: 'Not Found' };
    if (req.query.get('mode') !== 'artlist' || req.query.get('format') !== 'json') return { body: 'Invalid mode or format.' };
    const query = req.query.get('query') ?? '';
    const domains = [...query.matchAll(/domainis:(\S+?)\)?(?:\s|$)/g)].map((m) => m[1]);
    // Terms and phrases, any of which matches (enough for the queries the sources build).
    const words = [...query.matchAll(/"[^"]+"|[^\s()]+/g)]
      .map((m) => m[0])
      .filter((t) => t !== 'OR' && !t.startsWith('domainis:'))
      .map((t) => t.replace(/"/g, '').toLowerCase());
    if (words.some((w) => w.length < 3)) return { body: 'The specified phrase is too short.' };
    const start = req.query.get('startdatetime');
    const end = req.query.get('enddatetime');
    const max = Number(req.query.get('maxrecords') ?? '75');
    const matching = articles
      .filter((a) => words.length === 0 || words.some((w) => a.title.toLowerCase().includes(w)))
      .filter((a) => domains.length === 0 || domains.includes(a.domain))
      .filter((a) => start === null || a.seendate >= toSeen(start))
      .filter((a) => end === null || a.seendate <= toSeen(end))
      .sort((a, b) => (a.seendate < b.seendate ? 1 : -1))
      .slice(0, max);
    if (matching.length === 0) return { body: {} };
    return {
      body: {
        articles: matching.map((a) => ({
          url: a.url,
          url_mobile: '',
          title: a.title,
          seendate: a.seendate,
          socialimage: `https://${a.domain}/img.jpg`,
          domain: a.domain,
          language: a.language ?? 'English',
          sourcecountry: 'United States',
        })),
      },
    };
  });
}
