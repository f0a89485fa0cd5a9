import { type InstallationQuery, webApi } from '@slack/bolt';
import { NotifierError } from '../notifier.js';
import type { SlackInstallations, StoredInstallation } from './installation-store.js';

/**
 * The Web API client that speaks for one workspace (Slack team id). Throws NotifierError('unauthorized') when none.
 * `once`: a client that never retries by itself, for a call Slack may have carried out although no answer came
 * back (a parent post): retried blindly, it would post twice.
 */
export type WorkspaceClients = (team: string, attempts?: 'once') => Promise<webApi.WebClient>;

/** The options of a client that sends each call once. */
export function singleAttempt(options: webApi.WebClientOptions): webApi.WebClientOptions {
  return { ...options, retryConfig: { retries: 0 } };
}

/** One bot token: every workspace is the one it was installed in. */
export function singleClient(client: webApi.WebClient, once: webApi.WebClient): WorkspaceClients {
  return async (_team, attempts) => (attempts === 'once' ? once : client);
}

/** Bolt's installer: the workspace's bot token, refreshed first when token rotation is on and it is about to expire. */
export type AuthorizeInstallation = (query: InstallationQuery<boolean>) => Promise<{ botToken?: string }>;

function queryOf(installation: StoredInstallation, team: string): InstallationQuery<boolean> {
  return installation.isEnterpriseInstall === true && installation.enterprise !== undefined
    ? { teamId: team, enterpriseId: installation.enterprise.id, isEnterpriseInstall: true }
    : { teamId: team, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: false };
}

/**
 * Many workspaces: the token is read from the store at each call (through Bolt's installer, which refreshes rotating
 * tokens), so an uninstall or a revoked token takes effect at once; clients are reused while a token stays the same.
 */
export function installedClients(
  installations: SlackInstallations,
  authorize: AuthorizeInstallation,
  options: webApi.WebClientOptions,
): WorkspaceClients {
  const cache = new Map<string, { token: string; client: webApi.WebClient; once: webApi.WebClient }>();
  return async (team, attempts) => {
    const installation = await installations.forTeam(team);
    if (installation?.bot === undefined) {
      cache.delete(team);
      throw new NotifierError('unauthorized', `Vigie is not installed in Slack workspace ${team} (or its token was revoked)`);
    }
    let token: string | undefined;
    try {
      token = (await authorize(queryOf(installation, team))).botToken;
    } catch (error) {
      throw new NotifierError('unavailable', `the token of Slack workspace ${team} could not be read`, { cause: error });
    }
    if (token === undefined) throw new NotifierError('unauthorized', `Slack workspace ${team} has no bot token`);
    let cached = cache.get(team);
    if (cached?.token !== token) {
      cached = {
        token,
        client: new webApi.WebClient(token, { ...options, teamId: team }),
        once: new webApi.WebClient(token, { ...singleAttempt(options), teamId: team }),
      };
      cache.set(team, cached);
    }
    return attempts === 'once' ? cached.once : cached.client;
  };
}
