import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGalertsSource } from '../../src/sources/galerts.js';
import { createHttpClient } from '../../src/sources/http.js';
import { type FixtureServer, startFixtureServer } from '../fakes/fixture-server.js';
import { fetchContext } from './fetch-context.js';
import { loopbackHttp } from './http-options.js';

const http = createHttpClient(loopbackHttp);
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ '/alerts/feeds/04175468913983673025/4428013283581841004': 'galerts/alert-slack-2019.xml' });
});
afterAll(async () => {
  await server.close();
});

describe('galerts source on a real Google Alerts feed', () => {
  it('unwraps the google.com/url links, strips the <b> of matched words, keeps the feed order (alert "Slack", 2019)', async () => {
    const source = createGalertsSource({ galertsUrl: `${server.url}/alerts/feeds` });
    const result = await source.fetch(fetchContext(http, { kind: 'galerts', arg: '04175468913983673025/4428013283581841004' }));
    expect(result.mentions).toHaveLength(20);
    expect(result.partial).toBeUndefined();
    expect(result.mentions[0]).toMatchObject({
      title: 'Report offers Prediction of Automotive Slack Market by Top key players like Haldex, Meritor, Bendix ...',
      url: 'https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/',
      author: 'aglobalmarketresearch.com',
      text: 'Automotive Slack Market reports provides a comprehensive overview of the global market size and share. It provides strategists, marketers and senior ...',
      publishedAt: Date.parse('2019-07-10T11:53:37Z'),
    });
    expect(result.mentions[1]).toMatchObject({
      url: 'https://investorplace.com/2019/07/slack-stock-truly-compelling/',
      text: "In the run up to the IPO for Slack Technologies Inc (NYSE:WORK), much of the news coverage centered on the Company's decision to go public via ...",
    });
    expect(result.mentions.at(-1)).toMatchObject({
      title: 'Latest research shows Microsoft Teams is stomping Slack',
      url: 'https://mspoweruser.com/latest-research-shows-microsoft-teams-is-stomping-slack/',
      publishedAt: Date.parse('2019-07-09T23:59:57Z'),
    });
    const times = result.mentions.map((m) => m.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
