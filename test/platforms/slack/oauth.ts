import { expect } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { bootVigie } from './app.js';
import { type Harness, startHarness } from './harness.js';
import { signedHeaders } from './wire.js';

/** The distributed app's credentials, as in "Basic Information" → App Credentials. */
export const CLIENT = { clientId: '1111.2222', clientSecret: 'test-client-secret', stateSecret: 'test-state-secret-0123456789' };

export interface InstallResult {
  /** Status of the app's answer to the redirect back from Slack. */
  status: number;
  /** The state cookie `/slack/install` set. */
  cookie: string;
}

/**
 * A person installs the app in `team` the way a browser does: GET /slack/install (302 to Slack with a state and a
 * state cookie), Slack's consent page (302 back with a code), then the app's redirect path with the cookie.
 */
export async function installWorkspace(
  base: string,
  fake: FakeSlack,
  team: string,
  options: { enterprise?: string; orgWide?: boolean; sendCookie?: boolean } = {},
): Promise<InstallResult> {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^slack-app-oauth-state=.+/);
  const authorize = new URL(start.headers.get('location') ?? '');
  expect(`${authorize.origin}${authorize.pathname}`).toBe(fake.authorizeUrl);
  // The installer picks the workspace on Slack's consent page.
  authorize.searchParams.set('team', team);
  if (options.enterprise !== undefined) authorize.searchParams.set('enterprise', options.enterprise);
  if (options.orgWide === true) authorize.searchParams.set('org_wide', 'true');
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = consent.headers.get('location') ?? '';
  expect(back.startsWith(`${base}/slack/oauth_redirect?`)).toBe(true);
  const done = await fetch(back, { redirect: 'manual', headers: options.sendCookie === false ? {} : { cookie } });
  await done.text();
  return { status: done.status, cookie };
}

/** An Events API callback (JSON), signed like Slack does. */
export function eventBody(team: string, event: Record<string, unknown>, options: { enterprise?: string; orgWide?: boolean } = {}): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    ...(options.enterprise !== undefined ? { enterprise_id: options.enterprise } : {}),
    api_app_id: 'A1',
    event: { event_ts: '1764234100.000100', ...event },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: options.enterprise ?? null,
        team_id: team,
        user_id: `UBOT${team}`,
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
  });
}

export function postEvent(events: string, body: string): Promise<Response> {
  return fetch(events, { method: 'POST', headers: { ...signedHeaders(body), 'content-type': 'application/json' }, body });
}

/**
 * The real application (command service, store, outbox) with the Slack adapter distributed through OAuth on a shared
 * express app, talking to a fake Slack that knows the app's credentials and redirect path.
 */
export async function startDistributed(
  now: () => number,
): Promise<{ app: Awaited<ReturnType<typeof bootVigie>>; harness: Harness; fake: FakeSlack; close(): Promise<void> }> {
  const app = await bootVigie(now);
  const fake = await startFakeSlack();
  const harness = await startHarness({
    commands: app.vigie.commands,
    store: app.vigie.store,
    fake,
    now,
    settings: { botToken: undefined, oauth: { ...CLIENT, authorizeUrl: fake.authorizeUrl } },
  });
  fake.oauth({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: `${harness.base}/slack/oauth_redirect` });
  app.vigie.notifiers.set('slack', harness.adapter.notifier);
  return {
    app,
    harness,
    fake,
    close: async () => {
      await harness.close();
      await fake.close();
      await app.cleanup();
    },
  };
}
