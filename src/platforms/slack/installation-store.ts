import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { InstallationRepo } from '../../store/store.js';
import { createSecretBox, type SecretBox, SecretError } from '../../store/secret-box.js';
import { openInstallation, sealInstallation } from './installation-secrets.js';

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

/**
 * @slack/oauth's InstallationStore on Vigie's store (`installations`, platform `slack`): lowdb or PostgreSQL alike.
 * Tokens go through `secrets` on the way in and out: sealed at rest when VIGIE_SECRET_KEY is set, plain otherwise.
 */
export function createSlackInstallations(repo: InstallationRepo, logger: Logger, secrets: SecretBox = createSecretBox()): SlackInstallations {
  const save = (key: string, value: Record<string, unknown>): Promise<void> => repo.save('slack', key, sealInstallation(value, key, secrets));
  const get = async (key: string): Promise<StoredInstallation | undefined> => {
    const stored = await repo.get('slack', key);
    if (stored === undefined) return undefined;
    let raw: Record<string, unknown>;
    try {
      raw = openInstallation(stored, key, secrets);
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      logger.error('stored slack installation cannot be decrypted; treated as absent', { key, code: error.code, error: error.message });
      return undefined;
    }
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
      await save(key, value);
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
      await save(enterprise, { ...org, vigieTeams: [...(org.vigieTeams ?? []), team] });
    },
    remove: (key) => repo.remove('slack', key),
  };
}
