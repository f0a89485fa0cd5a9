import type { App } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { installationKey, type SlackInstallations } from './installation-store.js';

export interface LifecycleDeps {
  store: Store;
  installations: SlackInstallations;
  logger: Logger;
  now: () => number;
}

interface Workspace {
  team: string | undefined;
  enterprise: string | undefined;
  isEnterpriseInstall: boolean;
}

/** Pause every active plan of a workspace: nothing polls or alerts for a workspace Vigie can no longer post to. */
async function pausePlans(deps: LifecycleDeps, team: string, reason: string): Promise<number> {
  let paused = 0;
  for (const plan of await deps.store.plans.list({ platform: 'slack', workspace: team })) {
    if (plan.status !== 'active') continue;
    await deps.store.plans.save({ ...plan, status: 'paused', updated: { by: `slack:${reason}`, at: deps.now() } });
    paused += 1;
  }
  return paused;
}

/**
 * The workspace's tokens are gone (uninstalled, or revoked by an admin): its installation is deleted and its plans
 * paused, so that no alert is tried with a dead token. An org-wide install takes every workspace seen in it along.
 * A reinstall brings the token back; the plans stay paused until someone types `/vigie resume <plan>`.
 */
export async function forgetWorkspace(deps: LifecycleDeps, workspace: Workspace, reason: 'app_uninstalled' | 'tokens_revoked'): Promise<void> {
  const key = installationKey({ teamId: workspace.team, enterpriseId: workspace.enterprise, isEnterpriseInstall: workspace.isEnterpriseInstall });
  const installation = key === undefined ? undefined : await deps.installations.get(key);
  const teams = new Set([
    ...(workspace.isEnterpriseInstall ? (installation?.vigieTeams ?? []) : []),
    ...(workspace.team !== undefined ? [workspace.team] : []),
  ]);
  if (key !== undefined) await deps.installations.remove(key);
  for (const team of teams) {
    const paused = await pausePlans(deps, team, reason);
    deps.logger.warn('slack workspace lost its tokens: installation deleted, plans paused', { reason, key, team, paused });
  }
  if (teams.size === 0) deps.logger.warn('slack workspace lost its tokens: installation deleted', { reason, key });
}

/** `app_uninstalled` and `tokens_revoked` (bot tokens); with OAuth distribution, org-wide installs learn their workspaces. */
export function registerLifecycle(app: App, deps: LifecycleDeps, options: { distributed: boolean }): void {
  const run = (reason: 'app_uninstalled' | 'tokens_revoked', workspace: Workspace): Promise<void> =>
    forgetWorkspace(deps, workspace, reason).catch((error: unknown) => {
      deps.logger.error('could not forget a slack workspace', { reason, team: workspace.team, enterprise: workspace.enterprise, error });
    });

  app.event('app_uninstalled', async ({ body, context }) => {
    await run('app_uninstalled', { team: body.team_id, enterprise: body.enterprise_id, isEnterpriseInstall: context.isEnterpriseInstall === true });
  });
  app.event('tokens_revoked', async ({ body, event, context }) => {
    // Vigie asks for no user scopes: only a revoked bot token stops it.
    if ((event.tokens.bot ?? []).length === 0) {
      deps.logger.info('slack user tokens revoked; the bot token still works', { team: body.team_id });
      return;
    }
    await run('tokens_revoked', { team: body.team_id, enterprise: body.enterprise_id, isEnterpriseInstall: context.isEnterpriseInstall === true });
  });

  if (!options.distributed) return;
  app.use(async ({ context, next }) => {
    if (context.isEnterpriseInstall === true && context.enterpriseId !== undefined && context.teamId !== undefined) {
      await deps.installations.linkTeam(context.enterpriseId, context.teamId).catch((error: unknown) => {
        deps.logger.error('could not link a workspace to its org-wide install', { team: context.teamId, enterprise: context.enterpriseId, error });
      });
    }
    await next();
  });
}
