import { type ApiServer, startApiServer } from './api-server.js';
import { matchesSearch } from './keyword-match.js';

export interface FakeStatus {
  id: string;
  tags: string[];
  html: string;
  acct: string;
  createdAt: string;
  favourites?: number;
  followers?: number;
  /** Where the status was first posted: federated copies share its URI. */
  origin?: string;
}

/**
 * Stand-in for a Mastodon instance: `GET /api/v1/timelines/tag/:hashtag` and `GET /api/v2/search?type=statuses`
 * with `limit`, `min_id` (the page just after it, newest first) and a Link header; Status entities in the
 * documented shape; `{"error": …}` bodies on 401.
 */
export async function startFakeMastodon(options: { statuses: FakeStatus[]; token?: string; searchAllowed?: boolean }): Promise<ApiServer> {
  const server = await startApiServer((req) => {
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { error: 'The access token is invalid' } };
    }
    const limit = Math.min(40, Number(req.query.get('limit') ?? '20'));
    const minId = req.query.get('min_id');
    let pool: FakeStatus[];
    if (req.path.startsWith('/api/v1/timelines/tag/')) {
      const tag = decodeURIComponent(req.path.slice('/api/v1/timelines/tag/'.length)).toLowerCase();
      pool = options.statuses.filter((s) => s.tags.includes(tag));
    } else if (req.path === '/api/v2/search') {
      if (options.searchAllowed === false) return { status: 401, body: { error: 'Search queries are not allowed without authentication' } };
      const q = req.query.get('q') ?? '';
      pool = options.statuses.filter((s) => matchesSearch(q, s.html));
    } else {
      return { status: 404, body: { error: 'Record not found' } };
    }
    const asc = [...pool].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    const page = minId !== null ? asc.filter((s) => BigInt(s.id) > BigInt(minId)).slice(0, limit) : asc.slice(-limit);
    const statuses = page.reverse().map((s) => {
      const uri = `${s.origin ?? server.url}/users/${s.acct.split('@')[0]}/statuses/${s.id}`;
      return {
        id: s.id,
        created_at: s.createdAt,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        sensitive: false,
        spoiler_text: '',
        visibility: 'public',
        language: 'en',
        uri,
        url: `${s.origin ?? server.url}/@${s.acct.split('@')[0]}/${s.id}`,
        replies_count: 1,
        reblogs_count: 4,
        favourites_count: s.favourites ?? 0,
        edited_at: null,
        content: s.html,
        reblog: null,
        account: {
          id: '1',
          username: s.acct.split('@')[0],
          acct: s.acct,
          display_name: s.acct,
          followers_count: s.followers ?? 10,
          following_count: 1,
          statuses_count: 3,
          url: `${server.url}/@${s.acct}`,
        },
        media_attachments: [],
        mentions: [],
        tags: s.tags.map((t) => ({ name: t, url: `${server.url}/tags/${t}` })),
        emojis: [],
        card: null,
        poll: null,
      };
    });
    const body = req.path === '/api/v2/search' ? { accounts: [], statuses, hashtags: [] } : statuses;
    const first = statuses[0];
    const last = statuses.at(-1);
    const link =
      first && last
        ? `<${server.url}${req.path}?max_id=${last.id}>; rel="next", <${server.url}${req.path}?min_id=${first.id}>; rel="prev"`
        : undefined;
    return { body, ...(link ? { headers: { link } } : {}) };
  });
  return server;
}
