import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A feed host on 127.0.0.1 speaking real RSS 2.0 and Atom 1.0, with conditional GET, plus the ways real hosts
 * misbehave. Routes:
 *   /rss.xml, /atom.xml            the items, with ETag / Last-Modified and 304 answers
 *   /latin1.xml                    the items as RSS in ISO-8859-1, declared only in the XML prolog
 *   /windows-1256.xml              the items as RSS in windows-1256 (Arabic), declared only in the XML prolog
 *   /windows-1256-header.xml       the same bytes declared only by the Content-Type charset
 *   /rss/search?q=&hl=&gl=&ceid=   Google News search RSS of the items (item.author is the publisher)
 *   /alerts/feeds/<user>/<id>      Google Alerts Atom of the items (links wrapped in google.com/url)
 *   /malformed.xml, /page.html     broken XML; an HTML page answered 200
 *   /huge.xml, /huge-declared.xml  a 50 MB feed streamed chunk by chunk (without / with Content-Length)
 *   /hang                          accepts the request and never answers
 *   /status/<code>?retry-after=    that status (e.g. 500, 401, 429 with Retry-After)
 *   /redirect?to=<url>, /loop      a 302 to `to`; a 302 to itself
 */
export interface FakeFeedItem {
  guid?: string;
  link?: string;
  title: string;
  /** HTML. */
  content?: string;
  author?: string;
  /** An RFC 3339 date; any other string is served as is (an invalid date); absent: no date element. */
  date?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  readonly requests: RecordedRequest[];
  /** Replace the items: a new version with a new ETag and Last-Modified. */
  setItems(items: FakeFeedItem[]): void;
  /** Bytes of the 50 MB body written before the client went away. */
  hugeBytesSent(): number;
  close(): Promise<void>;
}

export interface FeedServerOptions {
  items?: FakeFeedItem[];
  title?: string;
  language?: string;
}

const HUGE_BYTES = 50 * 1024 * 1024;
const FIRST_MODIFIED = Date.parse('2026-11-20T08:00:00Z');

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  let items = options.items ?? [];
  let version = 1;
  let hugeSent = 0;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const feed = { title: options.title ?? 'Fake feed', language: options.language };

  const validators = (): { etag: string; lastModified: string } => ({
    etag: `"v${version}"`,
    lastModified: new Date(FIRST_MODIFIED + version * 60_000).toUTCString(),
  });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: req.headers });
    const path = url.pathname;
    if (path === '/rss.xml') return conditional(req, res, 'application/rss+xml; charset=utf-8', () => rss2(feed, items));
    if (path === '/atom.xml') return conditional(req, res, 'application/atom+xml; charset=utf-8', () => atom(feed, items));
    if (path === '/latin1.xml') {
      const body = Buffer.from(rss2(feed, items, 'ISO-8859-1'), 'latin1');
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(body);
    }
    if (path === '/windows-1256.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(singleByte(rss2(feed, items, 'windows-1256'), 'windows-1256'));
    }
    if (path === '/windows-1256-header.xml') {
      const xml = rss2(feed, items).replace(' encoding="UTF-8"', '');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1256' });
      return res.end(singleByte(xml, 'windows-1256'));
    }
    if (path === '/rss/search') return send(res, 200, 'application/rss+xml; charset=utf-8', googleNews(url, items));
    const alert = /^\/alerts\/feeds\/([^/]+)\/([^/]+)$/.exec(path);
    if (alert) return send(res, 200, 'application/atom+xml; charset=utf-8', googleAlerts(alert[1] ?? '', alert[2] ?? '', items));
    if (path === '/malformed.xml') return send(res, 200, 'application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut');
    if (path === '/page.html') return send(res, 200, 'text/html', '<!doctype html><html><body>Not a feed</body></html>');
    if (path === '/huge.xml' || path === '/huge-declared.xml') return streamHuge(res, path === '/huge-declared.xml');
    if (path === '/hang') return undefined;
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) {
      const retryAfter = url.searchParams.get('retry-after');
      res.writeHead(Number(status[1]), { 'content-type': 'text/plain', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
      return res.end(`status ${status[1]}`);
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/rss.xml' });
      return res.end();
    }
    if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return res.end();
    }
    return send(res, 404, 'text/plain', 'not found');
  });

  function conditional(req: IncomingMessage, res: ServerResponse, type: string, body: () => string): void {
    const { etag, lastModified } = validators();
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const fresh =
      ifNoneMatch !== undefined ? ifNoneMatch === etag : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
    if (fresh) {
      res.writeHead(304, { etag, 'last-modified': lastModified });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': lastModified });
    res.end(body());
  }

  function streamHuge(res: ServerResponse, declareLength: boolean): void {
    const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>';
    const tail = '</channel></rss>';
    const chunk = Buffer.from('<item><title>padding</title></item>'.repeat(2048));
    const total = HUGE_BYTES;
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...(declareLength ? { 'content-length': String(total) } : {}) });
    res.write(head);
    let sent = head.length;
    let closed = false;
    res.on('close', () => {
      closed = true;
      hugeSent = sent;
    });
    const pump = (): void => {
      while (!closed && sent + chunk.length + tail.length <= total) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) {
        const rest = total - sent - tail.length;
        res.end(Buffer.concat([Buffer.alloc(rest, 0x20), Buffer.from(tail)]));
        sent = total;
      }
    };
    pump();
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setItems(next) {
      items = next;
      version += 1;
    },
    hugeBytesSent: () => hugeSent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rfc822(date: string): string {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? date : new Date(ms).toUTCString();
}

/** Text in a single-byte charset, by inverting what TextDecoder reads for each of the 256 bytes. */
function singleByte(text: string, label: string): Buffer {
  const decoder = new TextDecoder(label);
  const byteOf = new Map<string, number>();
  for (let b = 0; b < 256; b += 1) byteOf.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    Array.from(text, (char) => {
      const byte = byteOf.get(char);
      if (byte === undefined) throw new Error(`"${char}" has no ${label} byte`);
      return byte;
    }),
  );
}

function rss2(feed: { title: string; language?: string | undefined }, items: FakeFeedItem[], encoding = 'UTF-8'): string {
  const entries = items
    .map((item) =>
      [
        '<item>',
        `<title>${xml(item.title)}</title>`,
        item.link ? `<link>${xml(item.link)}</link>` : '',
        item.guid ? `<guid isPermaLink="false">${xml(item.guid)}</guid>` : '',
        item.author ? `<dc:creator>${xml(item.author)}</dc:creator>` : '',
        item.date !== undefined ? `<pubDate>${xml(rfc822(item.date))}</pubDate>` : '',
        item.content ? `<description>${xml(item.content)}</description>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xml(feed.title)}</title>
<link>https://blog.example.org/</link>
<description>Fake feed for tests</description>
${feed.language ? `<language>${xml(feed.language)}</language>` : ''}
${entries}
</channel>
</rss>`;
}

function atom(feed: { title: string; language?: string | undefined }, items: FakeFeedItem[]): string {
  const entries = items
    .map((item) =>
      [
        '<entry>',
        `<title type="text">${xml(item.title)}</title>`,
        item.link ? `<link rel="alternate" type="text/html" href="${xml(item.link)}"/>` : '',
        item.guid ? `<id>${xml(item.guid)}</id>` : '',
        item.author ? `<author><name>${xml(item.author)}</name></author>` : '',
        item.date !== undefined ? `<published>${xml(item.date)}</published><updated>${xml(item.date)}</updated>` : '',
        item.content ? `<content type="html">${xml(item.content)}</content>` : '',
        '</entry>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${feed.language ? ` xml:lang="${xml(feed.language)}"` : ''}>
<title>${xml(feed.title)}</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
<updated>2026-11-20T08:00:00Z</updated>
<link rel="self" href="https://blog.example.org/atom.xml"/>
${entries}
</feed>`;
}

/** The shape of `news.google.com/rss/search`: "Headline - Publisher" titles, a `<source>`, an HTML description. */
function googleNews(url: URL, items: FakeFeedItem[]): string {
  const query = url.searchParams.get('q') ?? '';
  const entries = items
    .map((item, index) => {
      const publisher = item.author ?? 'Unknown';
      const link = item.link ?? `https://news.google.com/rss/articles/CBMi${index}?oc=5`;
      return [
        '<item>',
        `<title>${xml(`${item.title} - ${publisher}`)}</title>`,
        `<link>${xml(link)}</link>`,
        `<guid isPermaLink="false">${xml(item.guid ?? `CBMi${index}`)}</guid>`,
        item.date !== undefined ? `<pubDate>${xml(rfc822(item.date))}</pubDate>` : '',
        `<description>${xml(`<a href="${link}" target="_blank">${item.title}</a>&nbsp;&nbsp;<font color="#6f6f6f">${publisher}</font>`)}</description>`,
        `<source url="https://${publisher.toLowerCase().replace(/\W+/g, '')}.example">${xml(publisher)}</source>`,
        '</item>',
      ].join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<rss xmlns:media="http://search.yahoo.com/mrss/" version="2.0">
<channel>
<generator>NFE/5.0</generator>
<title>"${xml(query)}" - Google News</title>
<link>https://news.google.com/search?q=${encodeURIComponent(query)}</link>
<language>${xml(url.searchParams.get('hl') ?? 'en-US')}</language>
<webMaster>news-webmaster@google.com</webMaster>
<copyright>2026 Google Inc.</copyright>
<lastBuildDate>Fri, 27 Nov 2026 06:00:00 GMT</lastBuildDate>
<description>Google News</description>
${entries}
</channel>
</rss>`;
}

/** The shape of a Google Alerts feed: Atom, bold query terms in titles, links through google.com/url. */
function googleAlerts(user: string, id: string, items: FakeFeedItem[]): string {
  const entries = items
    .map((item, index) => {
      const target = item.link ?? `https://www.example.com/article-${index}`;
      const link = `https://www.google.com/url?rct=j&sa=t&url=${encodeURIComponent(target)}&ct=ga&cd=CAIyGjE&usg=AOvVaw0`;
      const date = item.date ?? '2026-11-27T05:00:00Z';
      return [
        '<entry>',
        `<id>tag:google.com,2013:googlealerts/feed:${xml(item.guid ?? String(1000 + index))}</id>`,
        `<title type="html">${xml(item.title.replace(/Acme/g, '<b>Acme</b>'))}</title>`,
        `<link href="${xml(link)}"/>`,
        `<published>${xml(date)}</published><updated>${xml(date)}</updated>`,
        `<content type="html">${xml(item.content ?? '')}</content>`,
        '<author><name></name></author>',
        '</entry>',
      ].join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">
<id>tag:google.com,2005:reader/user/${xml(user)}/state/com.google/alert/${xml(id)}</id>
<title>Google Alert - Acme</title>
<link href="https://www.google.com/alerts/feeds/${xml(user)}/${xml(id)}" rel="self"/>
<updated>2026-11-27T05:00:00Z</updated>
${entries}
</feed>`;
}
