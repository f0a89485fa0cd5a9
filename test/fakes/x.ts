import { type ApiServer, startApiServer } from './api-server.js';

/** A post as the fake stores it; served in the X API v2 shape. */
export interface FakeTweet {
  id: string;
  text: string;
  createdAt: string;
  authorId: string;
  lang?: string;
  likes?: number;
}

export interface FakeXUser {
  id: string;
  username: string;
  followers: number;
}

/**
 * Stand-in for `GET /2/tweets/search/recent`: bearer auth, `since_id`, `max_results`, `next_token`
 * pagination (newest first), `expansions=author_id` with `includes.users`, and X's problem+json 401.
 */
export async function startFakeX(options: { token: string; tweets: FakeTweet[]; users: FakeXUser[] }): Promise<ApiServer> {
  return startApiServer((req) => {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    }
    if (req.path !== '/2/tweets/search/recent') return { status: 404, body: { title: 'Not Found Error', status: 404 } };
    const sinceId = req.query.get('since_id');
    const max = Number(req.query.get('max_results') ?? '10');
    if (max < 10 || max > 100) {
      return {
        status: 400,
        body: {
          errors: [{ parameters: { max_results: [String(max)] }, message: 'The `max_results` query parameter value is not between 10 and 100' }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      };
    }
    const matching = options.tweets
      .filter((t) => sinceId === null || BigInt(t.id) > BigInt(sinceId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const offset = Number(req.query.get('next_token')?.replace('tok', '') ?? '0');
    const page = matching.slice(offset, offset + max);
    if (page.length === 0) return { body: { meta: { result_count: 0 } } };
    const authors = new Set(page.map((t) => t.authorId));
    return {
      headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449' },
      body: {
        data: page.map((t) => ({
          id: t.id,
          text: t.text,
          created_at: t.createdAt,
          author_id: t.authorId,
          edit_history_tweet_ids: [t.id],
          lang: t.lang ?? 'en',
          public_metrics: { retweet_count: 2, reply_count: 1, like_count: t.likes ?? 0, quote_count: 0, bookmark_count: 0, impression_count: 120 },
        })),
        includes: {
          users: options.users
            .filter((u) => authors.has(u.id))
            .map((u) => ({
              id: u.id,
              name: u.username.toUpperCase(),
              username: u.username,
              public_metrics: { followers_count: u.followers, following_count: 10, tweet_count: 100, listed_count: 1, like_count: 5 },
            })),
        },
        meta: {
          newest_id: page[0]?.id,
          oldest_id: page[page.length - 1]?.id,
          result_count: page.length,
          ...(offset + max < matching.length ? { next_token: `tok${offset + max}` } : {}),
        },
      },
    };
  });
}
