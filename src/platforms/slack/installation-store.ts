import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { InstallationRepo } from '../../store/store.js';

/**
 * What Vigie needs of a stored installation; the rest of what @slack/oauth stores (scopes, app id, user…) is kept
 * as it came. A record that does not have this shape (hand-edited, or another version's) is treated as absent.
 */
export const StoredInstallationSchema = z.looseObject({
  team: z
    .object({ id: z.string().min(1) })
    .loose()
    .optional(),
  enterprise: z
    .object({ id: z.string().min(1) })
    .loose()
    .optional(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z
    .object({ token: z.string().min(1), id: z.string(), userId: z.string() })
    .loose()
    .optional(),
  /** Workspaces of an org-wide install seen so far: their plans alert with the org's token. */
  vigieTeams: z.array(z.string()).optional(),
});
export type StoredInstallation = z.infer<typeof StoredInstallationSchema>;

/** Org-wide (Enterprise Grid) installs are stored under the enterprise id, the others under the team id. */
export function installationKey(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | undefined {
  return query.isEnterpriseInstall === true ? query.enterpriseId : query.teamId;
}

function keyOfInstallation(installation: Installation): string | undefined {
  return installationKey({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall,
  });
}

export class InstallationNotFoundError extends Error {
  readonly code = 'slack_installation_not_found';
  constructor(key: string | undefined) {
    super(`no Slack installation for ${key ?? 'an unnamed workspace'}: install Vigie in that workspace again (/slack/install)`);
    this.name = 'InstallationNotFoundError';
  }
}

export interface SlackInstallations extends InstallationStore {
  /** The stored installation under `key` (team or enterprise id), if any. */
  get(key: string): Promise<StoredInstallation | undefined>;
  /** The installation whose token alerts `team`: its own, or the org-wide install it was seen in. */
  forTeam(team: string): Promise<StoredInstallation | undefined>;
  /** Remember that `team` belongs to the org-wide install `enterprise` (first command from that workspace). */
  linkTeam(enterprise: string, team: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** @slack/oauth's InstallationStore on Vigie's store (`installations`, platform `slack`): lowdb or PostgreSQL alike. */
export function createSlackInstallations(repo: InstallationRepo, logger: Logger): SlackInstallations {
  const get = async (key: string): Promise<StoredInstallation | undefined> => {
    const raw = await repo.get('slack', key);
    if (raw === undefined) return undefined;
    const parsed = StoredInstallationSchema.safeParse(raw);
    if (!parsed.success) {
      logger.error('stored slack installation is unreadable; treated as absent', { key, error: parsed.error.message });
      return undefined;
    }
    return parsed.data;
  };

  return {
    get,
    async storeInstallation(installation) {
      const key = keyOfInstallation(installation as Installation);
      if (key === undefined) throw new Error('slack installation without a team or enterprise id');
      // A reinstall keeps the workspaces already seen in an org-wide install.
      const previous = await get(key);
      const value = { ...(installation as unknown as Record<string, unknown>), ...(previous?.vigieTeams ? { vigieTeams: previous.vigieTeams } : {}) };
      await repo.save('slack', key, value);
      logger.info('slack workspace installed', { key, enterprise: installation.isEnterpriseInstall === true });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const found = key === undefined ? undefined : await get(key);
      if (found === undefined) throw new InstallationNotFoundError(key);
      return found as unknown as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      if (key !== undefined) await repo.remove('slack', key);
    },
    async forTeam(team) {
      const own = await get(team);
      if (own !== undefined) return own;
      for (const { key } of await repo.list('slack')) {
        const org = await get(key);
        if (org?.isEnterpriseInstall === true && org.vigieTeams?.includes(team)) return org;
      }
      return undefined;
    },
    async linkTeam(enterprise, team) {
      const org = await get(enterprise);
      if (org === undefined || org.vigieTeams?.includes(team)) return;
      await repo.save('slack', enterprise, { ...org, vigieTeams: [...(org.vigieTeams ?? []), team] });
    },
    remove: (key) => repo.remove('slack', key),
  };
}
