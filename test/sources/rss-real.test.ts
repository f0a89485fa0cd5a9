import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MentionSchema } from '../../src/core/mention.js';
import { createHttpClient } from '../../src/sources/http.js';
import { createRssSource } from '../../src/sources/rss.js';
import type { FetchResult } from '../../src/sources/source.js';
import { type FixtureServer, fixtureBytes, startFixtureServer } from '../fakes/fixture-server.js';
import { NOW, fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

/**
 * The rss kind against feeds as publishers really wrote them (test/fixtures/real, see provenance.json):
 * RSS 2.0, RSS 0.9x/1.0 (RDF) and Atom, in UTF-8 and ISO-8859-1, French and Portuguese, cut-off documents.
 */

const http = createHttpClient(loopbackHttp);
let server: FixtureServer;

// A feed cut mid-way, as a server that stopped writing would leave it: the bytes up to the 11th item.
const JN = 'rss2/jornal-de-noticias.rss';
const cutInEleventhItem = (() => {
  const bytes = fixtureBytes(JN);
  let at = -1;
  for (let n = 0; n < 11; n += 1) at = bytes.indexOf('<item>', at + 1);
  return at + 40;
})();

beforeAll(async () => {
  server = await startFixtureServer({
    '/uol': 'rss2/uol-noticias.rss',
    '/jn': JN,
    '/jn-cut': { fixture: JN, cutAt: cutInEleventhItem },
    '/scripting': 'rss2/scripting-news-2002.xml',
    '/reporterre': 'rss2/reporterre.xml',
    '/bbc': 'rss2/bbc-in-our-time.xml',
    '/hn': 'rss2/hacker-news.rss',
    '/reuters': 'rss2/reuters-broken-off.xml',
    '/dotnet': 'rss2/dotnet-a10.xml',
    '/cercle-psy': 'rss2/le-cercle-psy-latin1.xml',
    '/ibash': 'rss2/ibash-windows-1251.xml',
    '/bbc-urdu': 'rss2/bbc-urdu.xml',
    '/craigslist': 'rss1/craigslist.rdf',
    '/debian': 'rss1/debian-news.rdf',
    '/biorxiv': 'rss1/biorxiv-genomics.rdf',
    '/dicas': 'rss1/dicas-l-0.91.rss',
    '/heise': 'atom/heise.atom',
    '/register': 'atom/the-register.atom',
    '/usgs': 'atom/usgs-earthquakes.atom',
    '/willison': 'atom/simon-willison.atom',
  });
});
afterAll(async () => {
  await server.close();
});

async function poll(path: string): Promise<FetchResult> {
  const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}${path}` }));
  expect(result.mentions.length).toBeGreaterThan(0);
  for (const mention of result.mentions) expect(MentionSchema.parse(mention)).toEqual(mention);
  return result;
}

describe('rss source on real RSS 2.0 feeds', () => {
  it('reads <rss> with no version, in ISO-8859-1 declared only by the HTTP header (UOL)', async () => {
    const result = await poll('/uol');
    expect(result.mentions).toHaveLength(15);
    expect(result.partial).toBeUndefined();
    expect(result.mentions[0]).toMatchObject({
      title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
      url: 'https://noticias.uol.com.br/politica/eleicoes/2018/noticias/2018/09/24/ibope-bolsonaro-perde-de-haddad-ciro-e-alckmin-em-simulacoes-de-2-turno.htm',
      author: 'UOL Noticias',
      // The publisher writes its dates in Portuguese ("Seg, 24 Set 2018 19:42:40 -0300").
      publishedAt: Date.parse('2018-09-24T19:42:40-03:00'),
    });
    expect(result.mentions[0]?.text).toMatch(/^Líder na pesquisa Ibope de intenção de voto para o primeiro turno/);
    // An item with an empty description is its title.
    expect(result.mentions[1]).toMatchObject({
      text: 'Promotoria abre inquérito para apurar suspeita de improbidade de Skaf no Sebrae-SP',
      publishedAt: Date.parse('2018-09-24T19:38:00-03:00'),
    });
    expect(result.mentions.at(-1)).toMatchObject({
      title: 'Fama "A" é campeã da Primeira Divisão da Copa Cidade Alta de Futebol Suíço',
      publishedAt: Date.parse('2018-09-24T19:18:49-03:00'),
    });
    // Document order is kept: the feed lists newest first.
    const times = result.mentions.map((m) => m.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('decodes ISO-8859-1 declared only in the XML declaration (Jornal de Notícias)', async () => {
    const result = await poll('/jn');
    expect(result.mentions).toHaveLength(40);
    expect(result.mentions[0]).toMatchObject({
      title: 'Mãe de utente é a nova presidente da Raríssimas',
      url: 'http://feeds.jn.pt/~r/JN-ULTIMAS/~3/UBnb8Ra3Q1U/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html',
      author: 'Jornal de Notícias - Últimas Notícias',
      publishedAt: Date.parse('2018-01-03T13:47:00Z'),
    });
    expect(result.mentions[0]?.text).toMatch(/^Sónia Laygue, profissional na área da Recursos Humanos/);
    expect(result.mentions.at(-1)?.title).toBe('Lisboa quer passes sociais com acesso a táxis e bicicletas');
  });

  it('keeps the items before the break when a feed stops mid-document, and says it was cut', async () => {
    const result = await poll('/jn-cut');
    expect(result.mentions).toHaveLength(10);
    expect(result.mentions[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
    expect(result.partial).toMatchObject({ skipped: 0, cut: true });
    expect(result.partial?.detail).toMatch(/broke off after 10 entries/);
  });

  it('says so when a real answer broke off before its first item (Reuters, server error while rendering)', async () => {
    const result = await createRssSource().fetch(fetchContext(http, { kind: 'rss', arg: `${server.url}/reuters` }));
    expect(result.mentions).toEqual([]);
    expect(result.partial).toMatchObject({ skipped: 0, cut: true });
    expect(result.partial?.detail).toMatch(/broke off after 0 entries \(Unclosed root tag/);
  });

  it('links items that have only a <guid> permalink to that permalink, not to the feed (Scripting News)', async () => {
    const result = await poll('/scripting');
    expect(result.mentions.map((m) => m.url)).toEqual([
      'http://scriptingnews.userland.com/backissues/2002/09/29#When:12:59:01PM',
      'http://scriptingnews.userland.com/backissues/2002/09/29#When:6:52:02PM',
    ]);
    expect(result.mentions[0]).toMatchObject({
      author: 'Scripting News',
      text: 'Joshua Allen: Who loves namespaces?',
      lang: 'en',
      publishedAt: Date.parse('2002-09-29T19:59:01Z'),
    });
  });

  it('reads Atom elements inside RSS items as .NET writes them (a10:link, a10:author, a10:updated)', async () => {
    const result = await poll('/dotnet');
    expect(result.mentions.map((m) => m.url)).toEqual([5, 4, 3, 2, 1].map((n) => `http://www.example.com/${n}`));
    expect(result.mentions[0]).toMatchObject({
      title: 'Title 5',
      text: 'Description 5',
      author: 'John Doe',
      publishedAt: Date.parse('2020-05-14T10:00:18Z'),
    });
    expect(result.mentions.at(-1)?.publishedAt).toBe(Date.parse('2020-05-07T07:36:53Z'));
  });

  it('reads a French publisher with numeric references and dc:date (Reporterre)', async () => {
    const [item] = (await poll('/reporterre')).mentions;
    expect(item).toMatchObject({
      title: 'Europe : vers un « affaiblissement historique » des normes écologiques ?',
      url: 'https://reporterre.net/Europe-vers-un-affaiblissement-historique-des-normes-ecologiques',
      lang: 'fr',
      publishedAt: Date.parse('2025-02-26T16:42:45Z'),
    });
    expect(item?.text).toContain("s'indignent plusieurs ONG et syndicats dans un communiqué");
  });

  it('reads a French publisher in ISO-8859-1 declared only by the HTTP header, and skips its empty item (Le Cercle Psy)', async () => {
    const result = await poll('/cercle-psy');
    // The publisher's fourth item is empty (<title></title><link></link>…): skipped and named, the nine others kept.
    expect(result.mentions).toHaveLength(9);
    expect(result.partial).toMatchObject({ skipped: 1 });
    expect(result.partial?.detail).toMatch(/entry 4 has no title, text or link$/);
    expect(result.mentions[0]).toMatchObject({
      title: 'Perturbateurs endocriniens : quels effets sur le cerveau ?',
      url: 'https://le-cercle-psy.scienceshumaines.com/perturbateurs-endocriniens-quels-effets-sur-le-cerveau_sh_39995',
      author: 'Flux RSS du magazine de psychologie Le Cercle Psy',
      publishedAt: Date.parse('2018-10-17T10:30:00Z'),
    });
    expect(result.mentions[0]?.text).toMatch(/^Si leur impact semble discret au premier abord, nombre d'études montrent/);
    expect(result.mentions[2]?.title).toBe("La criminalité liée surtout à... l'ennui ?");
    expect(result.mentions[3]?.title).toBe('Caroline Eliacheff : « Dolto reste authentiquement subversive »');
    expect(result.mentions.at(-1)?.title).toBe("Psychologue à domicile : de la clinique à l'état brut");
    // Latin-1 bytes read as Latin-1: no replacement characters, no mojibake.
    for (const mention of result.mentions) expect(`${mention.title} ${mention.text}`).not.toMatch(/\uFFFD|Ã/);
  });

  it('decodes a single-byte Windows code page declared only in the XML declaration (iBash.org.ru, windows-1251)', async () => {
    const result = await poll('/ibash');
    expect(result.mentions).toHaveLength(50);
    expect(result.mentions[0]).toMatchObject({
      title: 'Цитата #17703',
      url: 'http://ibash.org.ru/quote.php?id=17703',
      author: 'iBash.Org.Ru',
      lang: 'ru',
      publishedAt: Date.parse('2018-03-21T10:27:32+03:00'),
    });
    expect(result.mentions[0]?.text).toBe(
      'xxx: есть у кого жаба программер xxx: кот немного пхп знает? yyy: то что кот PHP немного знает, я бы ещё может поверил yyy: но вот жаба-программер - это ты по-моему загнул',
    );
    expect(result.mentions.at(-1)).toMatchObject({ title: 'Цитата #17220', publishedAt: Date.parse('2018-03-15T09:16:48+03:00') });
  });

  it('reads right-to-left Arabic-script text in CDATA (BBC News Urdu)', async () => {
    const result = await poll('/bbc-urdu');
    expect(result.mentions).toHaveLength(26);
    expect(result.mentions[0]).toMatchObject({
      title: 'امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی',
      url: 'http://www.bbc.com/urdu/pakistan-42575603',
      lang: 'ur',
      publishedAt: Date.parse('2018-01-05T16:51:00Z'),
    });
    expect(result.mentions[0]?.author).toMatch(/^BBC News {2}اردو - /);
    expect(result.mentions.at(-1)).toMatchObject({
      title: 'پاکستان امریکہ تعلقات میں ’ڈو مور‘ کا نیا ایڈیشن جو آج تک چل رہا',
      url: 'http://www.bbc.com/urdu/pakistan-42422392',
      publishedAt: Date.parse('2017-12-20T12:23:23Z'),
    });
  });

  it('reads a feed without XML declaration (Hacker News) and a podcast item without link (BBC)', async () => {
    const hn = await poll('/hn');
    expect(hn.mentions).toHaveLength(30);
    expect(hn.mentions[0]).toMatchObject({
      title: 'AWS Lambda Function URLs: Built-In HTTPS Endpoints for Lambda',
      url: 'https://aws.amazon.com/blogs/aws/announcing-aws-lambda-function-urls-built-in-https-endpoints-for-single-function-microservices/',
      author: 'Hacker News',
      publishedAt: Date.parse('2022-04-06T21:07:47Z'),
    });
    expect(hn.mentions.at(-1)?.title).toBe('What’s new in Emacs 28.1?');
    const [episode] = (await poll('/bbc')).mentions;
    expect(episode).toMatchObject({
      title: 'Marcus Aurelius',
      text: 'Melvyn Bragg and guests discuss...',
      publishedAt: Date.parse('2021-02-25T10:15:00Z'),
    });
  });
});

describe('rss source on real RSS 0.9x and 1.0 (RDF) feeds', () => {
  it('reads RDF items with dc:date (craigslist, Debian, bioRxiv)', async () => {
    const craigslist = await poll('/craigslist');
    expect(craigslist.mentions).toHaveLength(25);
    expect(craigslist.mentions[0]).toMatchObject({
      title: 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2',
      url: 'http://sfbay.craigslist.org/eby/apa/6186664607.html',
      author: 'craigslist SF bay area | apts/housing for rent search',
      publishedAt: Date.parse('2017-06-21T10:33:10-07:00'),
    });
    const [debian] = (await poll('/debian')).mentions;
    expect(debian).toMatchObject({
      title: 'Updated Debian 11: 11.6 released',
      url: 'https://www.debian.org/News/2022/20221217',
      publishedAt: Date.parse('2022-12-17'),
    });
    // The description is escaped HTML: its <q> element is markup, not text.
    expect(debian?.text).toMatch(
      /^The Debian project is pleased to announce the sixth update of its stable distribution Debian 11 \(codename bullseye\)\./,
    );
    const [paper] = (await poll('/biorxiv')).mentions;
    expect(paper).toMatchObject({
      url: 'http://biorxiv.org/cgi/content/short/2023.12.16.571984v1?rss=1',
      author: "LAPALU, N., SIMON, A., Lu, A., Plaumann, P.-L., Amselem, J., Pigne, S., Auger, A., Koch, C., Dallery, J.-F., O'Connell, R. J.",
    });
    expect(paper?.title).toMatch(/^Complete genome of the Medicago anthracnose fungus/);
  });

  it('reads RSS 0.91 in ISO-8859-1 with no dates (Dicas-L): the poll time stands for the date', async () => {
    const [tip] = (await poll('/dicas')).mentions;
    expect(tip).toMatchObject({
      title: 'bash - Expansão de Parâmetros',
      url: 'http://www.dicas-l.com.br/dicas-l/20200406.php',
      author: 'Dicas-L: Dicas técnicas de Linux e Software Livre',
      lang: 'pt',
      publishedAt: NOW,
    });
  });
});

describe('rss source on real Atom feeds', () => {
  it('reads entries with published dates and alternate links (heise, German)', async () => {
    const heise = await poll('/heise');
    expect(heise.mentions).toHaveLength(15);
    expect(heise.mentions[0]).toMatchObject({
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      url: 'http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom',
      author: 'heise developer neueste Meldungen',
      publishedAt: Date.parse('2016-02-01T17:22:00+01:00'),
    });
    expect(heise.mentions.at(-1)?.title).toBe('Apache Software Foundation bekommt ein neues Logo');
  });

  it('reads entry authors and updated dates (The Register, USGS, Simon Willison)', async () => {
    const register = await poll('/register');
    expect(register.mentions.map((m) => m.author)).toEqual(['Richard Speed', 'Kieren McCarthy']);
    expect(register.mentions[0]).toMatchObject({
      title: 'Will someone plz dump our shizz on the Moon, NASA begs as one of the space biz vendors drops out',
      url: 'http://go.theregister.com/feed/www.theregister.co.uk/2019/07/31/orbitbeyond_drops_nasa_moon_contract/',
      publishedAt: Date.parse('2019-07-31T11:54:28Z'),
    });
    const [quake] = (await poll('/usgs')).mentions;
    expect(quake).toMatchObject({ title: 'M 3.6 - 15km W of Petrolia, CA', url: 'https://earthquake.usgs.gov/earthquakes/eventpage/nc73239366' });
    const [post] = (await poll('/willison')).mentions;
    expect(post).toMatchObject({
      title: 'A Steering Council notice about PEP 703 (Making the Global Interpreter Lock Optional in CPython)',
      url: 'http://simonwillison.net/2023/Jul/29/a-steering-council-notice-about-pep-703/#atom-everything',
      publishedAt: Date.parse('2023-07-29T21:23:21Z'),
    });
  });
});
