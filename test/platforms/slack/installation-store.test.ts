import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { createLogger } from '../../../src/log.js';
import { createSlackInstallations, type SlackInstallations } from '../../../src/platforms/slack/installation-store.js';
import type { Store } from '../../../src/store/store.js';
import { LogSink, tempStore } from './harness.js';

function workspaceInstall(team: string, token: string): Installation {
  return {
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
    bot: { token, scopes: ['commands'], id: 'B1', userId: 'UBOT' },
    isEnterpriseInstall: false,
    authVersion: 'v2',
    appId: 'A1',
  } as Installation;
}

function orgInstall(enterprise: string, token: string): Installation {
  return {
    team: undefined,
    enterprise: { id: enterprise, name: 'Org' },
    user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
    bot: { token, scopes: ['commands'], id: 'B2', userId: 'UBOT2' },
    isEnterpriseInstall: true,
    authVersion: 'v2',
    appId: 'A1',
  } as Installation;
}

describe('Slack installations kept in Vigie’s store', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let logs: LogSink;
  let installations: SlackInstallations;

  beforeEach(async () => {
    ({ store, cleanup } = await tempStore());
    logs = new LogSink();
    installations = createSlackInstallations(store.installations, createLogger({ level: 'debug', stream: logs }));
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('keys a workspace install by its team and an org-wide install by its enterprise', async () => {
    await installations.storeInstallation(workspaceInstall('T1', 'xoxb-t1'));
    await installations.storeInstallation(orgInstall('E1', 'xoxb-e1'));
    expect((await store.installations.list('slack')).map((i) => i.key).sort()).toEqual(['E1', 'T1']);
    expect((await installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-t1');
    expect((await installations.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).bot?.token).toBe('xoxb-e1');
    await expect(installations.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({
      code: 'slack_installation_not_found',
    });
  });

  it('finds the token of a workspace of an org-wide install once the workspace was seen, and keeps that across a reinstall', async () => {
    await installations.storeInstallation(orgInstall('E1', 'xoxb-e1'));
    expect(await installations.forTeam('T5')).toBeUndefined();
    await installations.linkTeam('E1', 'T5');
    await installations.linkTeam('E1', 'T5');
    expect((await installations.forTeam('T5'))?.bot?.token).toBe('xoxb-e1');
    await installations.storeInstallation(orgInstall('E1', 'xoxb-e1-new'));
    expect(await installations.forTeam('T5')).toMatchObject({ bot: { token: 'xoxb-e1-new' }, vigieTeams: ['T5'] });
  });

  it('treats an unreadable record as absent, and says so in the log', async () => {
    await store.installations.save('slack', 'T3', { bot: { token: 42 } });
    await expect(installations.fetchInstallation({ teamId: 'T3', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({
      code: 'slack_installation_not_found',
    });
    expect(logs.lines.some((l) => l.level === 'error' && l.key === 'T3')).toBe(true);
  });

  it('deletes an installation', async () => {
    await installations.storeInstallation(workspaceInstall('T1', 'xoxb-t1'));
    expect(await installations.get('T1')).toBeDefined();
    await installations.deleteInstallation?.({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await installations.get('T1')).toBeUndefined();
  });
});
