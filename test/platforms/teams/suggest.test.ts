import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVigie, type Vigie } from '../../../src/app/vigie.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { COMMAND_VERB } from '../../../src/platforms/teams/choices.js';
import { startTeams, TeamsSettingsSchema, type TeamsRuntime } from '../../../src/platforms/teams/index.js';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.js';
import { keywordHistory } from '../../support/keyword-history.js';
import { TENANT } from './fixtures.js';
import { installActivity, messageActivity } from './harness.js';

const NOW = Date.UTC(2026, 2, 5, 12, 0);

/** `@Vigie suggest orange` on the real command service: a card of Action.Submit buttons, and a click applies one. */
describe('Teams: keyword suggestions confirmed with Action.Submit', () => {
  let dir: string;
  let vigie: Vigie;
  let teams: TeamsRuntime;
  let connector: FakeBotConnector;
  let server: Server;
  let url: string;
  const post = (activity: Record<string, unknown>) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const answer = async (activity: Record<string, unknown>) => {
    expect((await post(activity)).status).toBe(200);
    return (await connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id)).body;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-teams-suggest-'));
    connector = await startFakeBotConnector();
    const config = loadConfig({ VIGIE_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
    vigie = await createVigie({
      config,
      stdout: new PassThrough(),
      logStream: new PassThrough(),
      now: () => NOW,
      overrides: { logger: silentLogger },
    });
    teams = await startTeams({
      settings: TeamsSettingsSchema.parse({ enabled: true }),
      express: vigie.http,
      commands: vigie.commands,
      store: vigie.store,
      logger: silentLogger,
    });
    server = await new Promise<Server>((resolve) => {
      const s = vigie.http.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await post(installActivity({ serviceUrl: connector.url }));
  });
  afterAll(async () => {
    await teams?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await vigie?.outbox.stop();
    await vigie?.store.close();
    await connector?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers each suggestion as a button, and the click runs its command as the clicker', async () => {
    await answer(messageActivity('watch orange Orange OR #OrangeMaroc', { serviceUrl: connector.url }));
    const scope = { platform: 'teams' as const, workspace: TENANT };
    const plan = (await vigie.store.plans.get(scope, 'orange'))!;
    await vigie.store.plans.save({ ...plan, sources: [] });
    await vigie.pipeline.ingest(plan, `${plan.id}|test|feed`, keywordHistory(NOW), NOW);

    const reply = await answer(messageActivity('suggest orange', { serviceUrl: connector.url }));
    expect(reply.text).toContain('Keyword suggestions for **orange**');
    const card = reply.attachments.find((a: any) => a.contentType === CARD_CONTENT_TYPE).content;
    const exclude = card.actions.find((a: any) => a.data.command === 'exclude orange recette');
    expect(exclude).toMatchObject({ type: 'Action.Submit', title: 'Exclude recette', data: { verb: COMMAND_VERB } });
    expect(card.actions.some((a: any) => a.data.command === 'add orange panne')).toBe(true);

    // Action.Submit comes back as a message with the button's data as its value, and no mention.
    const click = { ...messageActivity('', { serviceUrl: connector.url, mention: false }), text: undefined, value: exclude.data };
    const done = await answer(click);
    expect(done.text).toContain('-recette');
    expect((await vigie.store.plans.get(scope, 'orange'))?.what.brand).toBe('(Orange OR #OrangeMaroc) -recette');
  });
});
