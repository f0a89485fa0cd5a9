import { matchesSearch } from './keyword-match.js';
import { type ApiServer, startApiServer } from './api-server.js';

export interface FakeBskyPost {
  did: string;
  handle: string;
  rkey: string;
  text: string;
  createdAt: string;
  likes?: number;
}

export interface FakeBluesky extends ApiServer {
  /** Make every access token issued so far expired, as after two hours. */
  expireAccessTokens(): void;
  sessionsCreated(): number;
}

/**
 * Stand-in for a PDS proxying the AppView: `com.atproto.server.createSession` / `refreshSession` (XRPC errors
 * `AuthenticationRequired`, `ExpiredToken`), and `app.bsky.feed.searchPosts` with q, sort=latest, since
 * (inclusive), limit and an opaque cursor.
 */
export async function startFakeBluesky(options: { identifier: string; password: string; posts: FakeBskyPost[] }): Promise<FakeBluesky> {
  let issued = 0;
  let created = 0;
  const live = new Set<string>();
  const refresh = new Set<string>();
  const session = () => {
    issued += 1;
    live.add(`acc-${issued}`);
    refresh.add(`ref-${issued}`);
    return { did: 'did:plc:vigiebot', handle: options.identifier, accessJwt: `acc-${issued}`, refreshJwt: `ref-${issued}`, active: true };
  };
  const bearer = (h: string | string[] | undefined) => (typeof h === 'string' ? h.replace(/^Bearer /, '') : '');
  const server = await startApiServer((req) => {
    if (req.path === '/xrpc/com.atproto.server.createSession' && req.method === 'POST') {
      const body = JSON.parse(req.body) as { identifier?: string; password?: string };
      if (body.identifier !== options.identifier || body.password !== options.password) {
        return { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      }
      created += 1;
      return { body: session() };
    }
    if (req.path === '/xrpc/com.atproto.server.refreshSession' && req.method === 'POST') {
      const token = bearer(req.headers.authorization);
      if (!refresh.delete(token)) return { status: 400, body: { error: 'ExpiredToken', message: 'Token has been revoked' } };
      return { body: session() };
    }
    if (req.path === '/xrpc/app.bsky.feed.searchPosts') {
      const token = bearer(req.headers.authorization);
      if (token === '') return { status: 401, body: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
      if (!live.has(token)) return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
      const q = req.query.get('q') ?? '';
      const since = req.query.get('since');
      const limit = Number(req.query.get('limit') ?? '25');
      const offset = Number(req.query.get('cursor') ?? '0');
      const matching = options.posts
        .filter((p) => matchesSearch(q, p.text))
        .filter((p) => since === null || Date.parse(p.createdAt) >= Date.parse(since))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      const page = matching.slice(offset, offset + limit);
      return {
        body: {
          ...(offset + limit < matching.length ? { cursor: String(offset + limit) } : {}),
          hitsTotal: matching.length,
          posts: page.map((p) => ({
            uri: `at://${p.did}/app.bsky.feed.post/${p.rkey}`,
            cid: `bafyrei${p.rkey}`,
            author: {
              did: p.did,
              handle: p.handle,
              displayName: p.handle.split('.')[0],
              avatar: 'https://cdn.bsky.app/img/avatar/plain/x.jpg',
              labels: [],
              createdAt: '2024-01-01T00:00:00.000Z',
            },
            record: { $type: 'app.bsky.feed.post', text: p.text, createdAt: p.createdAt, langs: ['en'] },
            replyCount: 1,
            repostCount: 3,
            likeCount: p.likes ?? 0,
            quoteCount: 2,
            indexedAt: p.createdAt,
            labels: [],
          })),
        },
      };
    }
    return { status: 404, body: { error: 'MethodNotImplemented', message: 'Method Not Implemented' } };
  });
  return { ...server, expireAccessTokens: () => live.clear(), sessionsCreated: () => created };
}
