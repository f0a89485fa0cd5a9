import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Vigie, createVigie } from '../../../src/app/vigie.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { CLIENT, installWorkspace } from './oauth.js';
import { SECRET, postSigned, slashBody } from './wire.js';

const OAUTH_ENV = {
  SLACK_CLIENT_ID: CLIENT.clientId,
  SLACK_CLIENT_SECRET: CLIENT.clientSecret,
  SLACK_STATE_SECRET: CLIENT.stateSecret,
  SLACK_SIGNING_SECRET: SECRET,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.split(':')[0]!);
  }
}

describe('settings of Slack OAuth distribution', () => {
  it('needs all three OAuth settings and the signing secret, and no single-workspace token', () => {
    expect(problemsOf(OAUTH_ENV)).toEqual([]);
    expect(problemsOf({ SLACK_CLIENT_ID: 'x' })).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET']);
    expect(problemsOf({ ...OAUTH_ENV, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(['SLACK_BOT_TOKEN']);
    expect(problemsOf({ ...OAUTH_ENV, SLACK_APP_TOKEN: 'xapp-1' })).toEqual(['SLACK_APP_TOKEN']);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual(['SLACK_BOT_TOKEN']);
    expect(loadConfig({}).SLACK_OAUTH_AUTHORIZE_URL).toBe('https://slack.com/oauth/v2/authorize');
  });
});

describe('the real app distributed to many workspaces from its settings alone', () => {
  let fake: FakeSlack;
  let vigie: Vigie;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-slack-oauth-'));
    const config = loadConfig({
      ...OAUTH_ENV,
      VIGIE_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      PORT: '0',
      SLACK_API_URL: `${fake.url}/api`,
      SLACK_OAUTH_AUTHORIZE_URL: fake.authorizeUrl,
    } as NodeJS.ProcessEnv);
    vigie = await createVigie({ config, stdout: new PassThrough(), logStream: new PassThrough() });
    await vigie.start();
    base = `http://127.0.0.1:${vigie.port()}`;
    fake.oauth({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: `${base}/slack/oauth_redirect` });
  });
  afterAll(async () => {
    await vigie.stop();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves /slack/install and the redirect on the shared port, and keeps each token in the store', async () => {
    expect((await installWorkspace(base, fake, 'T7')).status).toBe(200);
    expect(await vigie.store.installations.get('slack', 'T7')).toMatchObject({ bot: { token: fake.tokenOf('T7') } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('runs the installed workspace’s commands with its own token', async () => {
    const before = fake.callsOf('views.open').length;
    const res = await postSigned(
      `${base}/slack/events`,
      slashBody('plan acme', fake.responseUrl('v1'), { team: 'T7', channel: 'C0SEVEN', user: 'U0SEVEN' }),
    );
    expect(res.status).toBe(200);
    const open = await fake.waitFor('views.open', (c) => fake.callsOf('views.open').indexOf(c) >= before);
    expect(open.authorization).toBe(`Bearer ${fake.tokenOf('T7')}`);
  });
});
