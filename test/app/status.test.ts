import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLines } from '../../src/app/status.js';
import type { CommandContext, ReplyLine } from '../../src/core/commands/types.js';
import type { SourceHealth } from '../../src/core/source-state.js';
import { type Params, t } from '../../src/i18n/catalog.js';
import { type FixtureServer, fixtureBytes, startFixtureServer } from '../fakes/fixture-server.js';
import { type TestVigie, testVigie } from '../support/vigie.js';

/**
 * `status` tells apart a source that is down, one that answered with something Vigie could not read, and one
 * that answered but had items skipped or was cut — here through the whole application, polling real answers.
 */
const JN = 'rss2/jornal-de-noticias.rss';
const cutInEleventhItem = (() => {
  const bytes = fixtureBytes(JN);
  let at = -1;
  for (let n = 0; n < 11; n += 1) at = bytes.indexOf('<item>', at + 1);
  return at + 40;
})();

const ctx = (locale: 'en' | 'fr'): CommandContext => ({
  scope: { platform: 'slack', workspace: `T-status-${locale}` },
  channel: 'C1',
  user: 'U1',
  locale,
});

describe('status on real answers', () => {
  let server: FixtureServer;
  let app: TestVigie;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/down': { body: 'Service Unavailable', status: 503, contentType: 'text/plain' },
      // A real web page where a feed was expected.
      '/page': 'petitions/mesopinions-choeur-radio-france.html',
      '/cut': { fixture: JN, cutAt: cutInEleventhItem },
      '/whole': JN,
    });
    app = await testVigie();
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  async function statusAfterPolling(locale: 'en' | 'fr'): Promise<string> {
    const c = ctx(locale);
    await app.watchOnly('acme', 'Acme', c);
    for (const path of ['/down', '/page', '/cut', '/whole']) await app.say(`source acme rss ${server.url}${path}`, c);
    for (const job of await app.vigie.pipeline.dueJobs(Date.now())) await app.vigie.pipeline.poll(job);
    return (await app.say('status', c)).text;
  }

  it('says down, unreadable, cut and OK apart, in English', async () => {
    const status = await statusAfterPolling('en');
    const lines = status.split('\n');
    const lineAfter = (path: string): string => lines[lines.findIndex((l) => l.includes(`${server.url}${path}`)) + 1] ?? '';
    expect(lineAfter('/down')).toMatch(/^ {2}health: source down, failing \(1×\): the server answered with an error \(.*503/);
    expect(lineAfter('/page')).toMatch(/^ {2}health: the source answered with something Vigie could not read \(1×\): the response could not be read/);
    expect(lineAfter('/cut')).toMatch(/^ {2}health: OK$/);
    expect(lines[lines.findIndex((l) => l.includes(`${server.url}/cut`)) + 2]).toMatch(
      /^ {2}health: OK, but the answer broke off before its end; the items before the break were kept \(.*broke off after 10 entries/,
    );
    expect(lineAfter('/whole')).toMatch(/^ {2}health: OK$/);
    expect(lines[lines.findIndex((l) => l.includes(`${server.url}/whole`)) + 2] ?? '').not.toMatch(/broke off|skipped/);
  });

  it('says the same in French', async () => {
    const status = await statusAfterPolling('fr');
    expect(status).toMatch(/état : source en panne, en échec \(1×\) : le serveur a répondu par une erreur/);
    expect(status).toMatch(/état : la source a répondu quelque chose que Vigie ne sait pas lire \(1×\) : réponse illisible/);
    expect(status).toMatch(/état : OK, mais la réponse s’interrompt avant sa fin ; les éléments d’avant la coupure sont gardés/);
  });
});

describe('status lines for partial reads', () => {
  const entry = (health: SourceHealth) => ({ plan: 'acme', source: 'reddit', health, missing: [] });
  const render = (lines: ReplyLine[], locale: 'en' | 'fr') => lines.map((l) => t(locale, l.key, l.params as Params)).join('\n');

  it('counts skipped items and names pages whose layout is not understood, in English and French', () => {
    const health: SourceHealth = {
      consecutiveFailures: 0,
      lastSuccessAt: 1,
      lastPartial: { at: 1, skipped: 2, unknownLayouts: ['https://www.change.org/p/x'], detail: 'x: item 4 (17) skipped at text: expected string' },
    };
    const lines = statusLines({ nextPollAt: undefined, sources: [entry(health)], dead: [] });
    expect(lines.map((l) => l.key)).toEqual(['cmd.status.header', 'cmd.status.item', 'cmd.status.ok', 'src.status.skipped', 'src.status.layout']);
    expect(render(lines, 'en')).toContain(
      'health: OK, but 2 items were skipped because they could not be read (x: item 4 (17) skipped at text: expected string)',
    );
    expect(render(lines, 'en')).toContain(
      'one petition page has a layout Vigie does not understand: no signature count is reported for https://www.change.org/p/x',
    );
    expect(render(lines, 'fr')).toContain('état : OK, mais 2 éléments illisibles ont été ignorés');
  });

  it('shows no partial line once the source fails: the failure is what matters then', () => {
    const health: SourceHealth = {
      consecutiveFailures: 1,
      lastError: { at: 2, code: 'timeout', message: 'slow.example did not answer within 5000 ms' },
      lastPartial: { at: 1, skipped: 2, detail: 'old' },
    };
    const lines = statusLines({ nextPollAt: undefined, sources: [entry(health)], dead: [] });
    expect(lines.map((l) => l.key)).toEqual(['cmd.status.header', 'cmd.status.item', 'src.status.down']);
  });
});
