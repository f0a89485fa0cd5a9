import { matchesSearch } from './keyword-match.js';
import { type ApiServer, startApiServer } from './api-server.js';
import { escapeXml } from './xml-escape.js';

export interface FakeVideo {
  id: string;
  channelId: string;
  channelTitle: string;
  title: string;
  description: string;
  published: string;
  views: number;
  likes: number;
  comments: number;
}

/** A channel's Atom feed as www.youtube.com/feeds/videos.xml serves it (yt: and media: namespaces). */
function channelFeed(base: string, channelId: string, videos: FakeVideo[]): string {
  const title = videos[0]?.channelTitle ?? 'Channel';
  const entries = videos.map(
    (v) => `
 <entry>
  <id>yt:video:${v.id}</id>
  <yt:videoId>${v.id}</yt:videoId>
  <yt:channelId>${channelId}</yt:channelId>
  <title>${escapeXml(v.title)}</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=${v.id}"/>
  <author>
   <name>${escapeXml(v.channelTitle)}</name>
   <uri>https://www.youtube.com/channel/${channelId}</uri>
  </author>
  <published>${v.published}</published>
  <updated>${v.published}</updated>
  <media:group>
   <media:title>${escapeXml(v.title)}</media:title>
   <media:content url="https://www.youtube.com/v/${v.id}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i1.ytimg.com/vi/${v.id}/hqdefault.jpg" width="480" height="360"/>
   <media:description>${escapeXml(v.description)}</media:description>
   <media:community>
    <media:starRating count="${v.likes}" average="5.00" min="1" max="5"/>
    <media:statistics views="${v.views}"/>
   </media:community>
  </media:group>
 </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="${base}/feeds/videos.xml?channel_id=${channelId}"/>
 <id>yt:channel:${channelId.slice(2)}</id>
 <yt:channelId>${channelId.slice(2)}</yt:channelId>
 <title>${escapeXml(title)}</title>
 <link rel="alternate" href="https://www.youtube.com/channel/${channelId}"/>
 <author><name>${escapeXml(title)}</name><uri>https://www.youtube.com/channel/${channelId}</uri></author>
 <published>2015-01-01T00:00:00+00:00</published>${entries.join('')}
</feed>`;
}

/** Stand-in for www.youtube.com channel feeds and the Data API v3 (`search.list`, `videos.list`, key errors). */
export async function startFakeYoutube(options: { videos: FakeVideo[]; key: string }): Promise<ApiServer> {
  const server = await startApiServer((req) => {
    if (req.path === '/feeds/videos.xml') {
      const channelId = req.query.get('channel_id') ?? '';
      const videos = options.videos
        .filter((v) => v.channelId === channelId)
        .sort((a, b) => Date.parse(b.published) - Date.parse(a.published))
        .slice(0, 15);
      if (videos.length === 0) return { status: 404, body: '<!DOCTYPE html><html><body>404</body></html>' };
      return { headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: channelFeed(server.url, channelId, videos) };
    }
    if (req.query.get('key') !== options.key) {
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest' }],
            status: 'INVALID_ARGUMENT',
          },
        },
      };
    }
    if (req.path === '/youtube/v3/search') {
      const q = req.query.get('q') ?? '';
      const after = Date.parse(req.query.get('publishedAfter') ?? '1970-01-01T00:00:00Z');
      const max = Number(req.query.get('maxResults') ?? '5');
      const offset = Number(req.query.get('pageToken')?.replace('CAUQAA', '') ?? '0');
      const matching = options.videos
        .filter((v) => matchesSearch(q, `${v.title} ${v.description}`))
        .filter((v) => Date.parse(v.published) > after)
        .sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
      const page = matching.slice(offset, offset + max);
      return {
        body: {
          kind: 'youtube#searchListResponse',
          etag: 'etag',
          ...(offset + max < matching.length ? { nextPageToken: `CAUQAA${offset + max}` } : {}),
          regionCode: 'FR',
          pageInfo: { totalResults: matching.length, resultsPerPage: max },
          items: page.map((v) => ({
            kind: 'youtube#searchResult',
            etag: `e${v.id}`,
            id: { kind: 'youtube#video', videoId: v.id },
            snippet: {
              publishedAt: v.published,
              channelId: v.channelId,
              title: v.title,
              description: v.description,
              thumbnails: { default: { url: `https://i.ytimg.com/vi/${v.id}/default.jpg`, width: 120, height: 90 } },
              channelTitle: v.channelTitle,
              liveBroadcastContent: 'none',
              publishTime: v.published,
            },
          })),
        },
      };
    }
    if (req.path === '/youtube/v3/videos') {
      const ids = (req.query.get('id') ?? '').split(',');
      return {
        body: {
          kind: 'youtube#videoListResponse',
          etag: 'etag',
          items: options.videos
            .filter((v) => ids.includes(v.id))
            .map((v) => ({
              kind: 'youtube#video',
              etag: `e${v.id}`,
              id: v.id,
              statistics: { viewCount: String(v.views), likeCount: String(v.likes), favoriteCount: '0', commentCount: String(v.comments) },
            })),
          pageInfo: { totalResults: ids.length, resultsPerPage: ids.length },
        },
      };
    }
    return { status: 404, body: { error: { code: 404, message: 'Not Found', errors: [{ reason: 'notFound' }] } } };
  });
  return server;
}
