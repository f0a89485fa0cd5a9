import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/sources/http.js';
import { readPetitionPage } from '../../src/sources/petition-page.js';
import { createPetitionsSource } from '../../src/sources/petitions.js';
import { createLimiter } from '../../src/sources/politeness.js';
import { type FixtureServer, fixtureBytes, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const MESOPINIONS = 'https://www.mesopinions.com/petition/art-culture/mutilation-choeur-radio-france-unique-choeur/76519';
const PAGE = 'petitions/mesopinions-choeur-radio-france.html';
const TITLE = 'Non à la mutilation du choeur de Radio France, Unique Choeur professionnel à vocation Symphonique en France';

let server: FixtureServer;
// GDELT answers from its own host: news searches are spaced per host, as GDELT asks.
let gdelt: FixtureServer;
beforeAll(async () => {
  gdelt = await startFixtureServer({ '/api/v2/doc/doc': { body: '{}', contentType: 'application/json' } });
  server = await startFixtureServer({
    '/www.mesopinions.com/petition/art-culture/mutilation-choeur-radio-france-unique-choeur/76519': PAGE,
    // The same real page where a change.org page is expected: a layout the change.org reader does not know.
    '/www.change.org/p/non-a-la-mutilation-du-choeur': PAGE,
    // Searches around the page under test answer "nothing found", in each service's documented shape.
    '/petitions.json': { body: '{"links":{},"data":[]}', contentType: 'application/json' },
    '/rss/search': { body: '<rss version="2.0"><channel><title>Google News</title></channel></rss>', contentType: 'application/rss+xml' },
  });
});
afterAll(async () => {
  await server.close();
  await gdelt.close();
});

/** The real client, with petition sites' addresses sent to the loopback fixture server (same path, host as prefix). */
function sitesOnLoopback(): HttpClient {
  const real = createHttpClient(loopbackHttp);
  return {
    request: (url, init) => {
      const target = new URL(url);
      const local = /(^|\.)(mesopinions\.com|change\.org|avaaz\.org)$/.test(target.hostname)
        ? `${server.url}/${target.hostname}${target.pathname}`
        : url;
      return real.request(local, init);
    },
  };
}

function source() {
  return createPetitionsSource({ petitionsUrl: server.url, gdeltUrl: gdelt.url, gnewsUrl: server.url, limiter: createLimiter() });
}

describe('petition pages as they are', () => {
  it('reads the title and the signature count of a real mesopinions page ("19.509" is 19509)', () => {
    expect(readPetitionPage(fixtureBytes(PAGE).toString('utf8'), 'mesopinions')).toEqual({ page: { title: TITLE, signatures: 19509 } });
  });

  it('reports a petition given by URL with the count its page shows', async () => {
    const result = await source().fetch(fetchContext(sitesOnLoopback(), { kind: 'petitions', arg: MESOPINIONS }));
    expect(result.mentions).toEqual([
      expect.objectContaining({
        url: MESOPINIONS,
        title: TITLE,
        text: `${TITLE} — 19509 signatures`,
        author: 'mesopinions.com',
        metrics: { likes: 19509 },
      }),
    ]);
    expect(result.partial).toBeUndefined();
  });

  it('says the layout is not understood instead of giving a number when a page is not what its site serves', async () => {
    const url = 'https://www.change.org/p/non-a-la-mutilation-du-choeur';
    expect(readPetitionPage(fixtureBytes(PAGE).toString('utf8'), 'change.org')).toEqual({
      unknownLayout: 'change.org page: no signature count in the structures known for change.org',
    });
    const result = await source().fetch(fetchContext(sitesOnLoopback(), { kind: 'petitions', arg: url }));
    const [mention] = result.mentions;
    expect(mention).toMatchObject({ url, text: url });
    expect(mention?.metrics).toBeUndefined();
    expect(result.partial).toMatchObject({ skipped: 0, unknownLayouts: [url] });
  });
});
