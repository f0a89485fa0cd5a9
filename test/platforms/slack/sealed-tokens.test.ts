import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Vigie, createVigie } from '../../../src/app/vigie.js';
import { loadConfig } from '../../../src/config.js';
import { DATA_FILE } from '../../../src/store/lowdb.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { CLIENT, installWorkspace } from './oauth.js';
import { SECRET, postSigned, slashBody } from './wire.js';

describe('the distributed app with VIGIE_SECRET_KEY: workspace tokens sealed at rest', () => {
  let fake: FakeSlack;
  let vigie: Vigie;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-sealed-'));
    const config = loadConfig({
      SLACK_CLIENT_ID: CLIENT.clientId,
      SLACK_CLIENT_SECRET: CLIENT.clientSecret,
      SLACK_STATE_SECRET: CLIENT.stateSecret,
      SLACK_SIGNING_SECRET: SECRET,
      VIGIE_SECRET_KEY: randomBytes(32).toString('base64'),
      VIGIE_DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
      PORT: '0',
      VIGIE_HTTP_HOST: '127.0.0.1',
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

  it('keeps the installed token only sealed, in an owner-only file, and still runs the workspace’s commands with it', async () => {
    expect((await installWorkspace(base, fake, 'T7')).status).toBe(200);
    const token = fake.tokenOf('T7');
    const stored = (await vigie.store.installations.get('slack', 'T7')) as { bot: { token: string } };
    expect(stored.bot.token).toMatch(/^vigie-secret:v1:/);
    const file = path.join(dir, 'data', DATA_FILE);
    expect(await readFile(file, 'utf8')).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'data'))).mode & 0o777).toBe(0o700);

    const before = fake.callsOf('views.open').length;
    const res = await postSigned(
      `${base}/slack/events`,
      slashBody('plan acme', fake.responseUrl('v1'), { team: 'T7', channel: 'C0SEVEN', user: 'U0SEVEN' }),
    );
    expect(res.status).toBe(200);
    const open = await fake.waitFor('views.open', (c) => fake.callsOf('views.open').indexOf(c) >= before);
    expect(open.authorization).toBe(`Bearer ${token}`);
  });
});
