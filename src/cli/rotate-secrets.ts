import { settingsFrom } from '../app/settings.js';
import { loadConfig } from '../config.js';
import { t } from '../i18n/catalog.js';
import { sealInstallation, staleInstallation } from '../platforms/slack/installation-secrets.js';
import { createSecretBox, type SecretKeys, SecretError } from '../store/secret-box.js';
import { withStore, type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT } from './command.js';
import type { Subcommand } from './io.js';
import { reportDataError } from './store-settings.js';

interface RotateSettings {
  store: StoreSettings;
  secrets: SecretKeys;
}

function settingsOf(given: RotateSettings | undefined): RotateSettings {
  if (given !== undefined) return given;
  const settings = settingsFrom(loadConfig(process.env));
  return { store: settings.store, secrets: settings.platforms.secrets };
}

/**
 * `vigie rotate-secrets`: every stored workspace token sealed again with VIGIE_SECRET_KEY — plain ones (stored
 * before a key was set) and those sealed with VIGIE_SECRET_KEY_PREVIOUS. Run with the bot stopped (the lowdb file
 * has one writer); afterwards VIGIE_SECRET_KEY_PREVIOUS can be removed.
 */
export function rotateSecretsWith(given?: RotateSettings): Subcommand {
  return defineCommand({
    name: 'rotate-secrets',
    summary: 'security.rotate.summary',
    synopsis: 'rotate-secrets',
    options: {},
    exits: ['ok', 'failed', 'usage'],
    async run(_values, _positionals, io) {
      const locale = io.locale ?? 'en';
      try {
        const settings = settingsOf(given);
        const box = createSecretBox(settings.secrets);
        if (!box.sealing) {
          io.stderr.write(`vigie rotate-secrets: ${t(locale, 'security.rotate.noKey')}\n`);
          return EXIT.failed;
        }
        let sealed = 0;
        let current = 0;
        const failed: string[] = [];
        await withStore(settings.store, 'vigie-rotate-secrets', async (store) => {
          for (const { key, value } of await store.installations.list('slack')) {
            if (!staleInstallation(value, key, box)) {
              current += 1;
              continue;
            }
            try {
              await store.installations.save('slack', key, sealInstallation(value, key, box));
              sealed += 1;
            } catch (error) {
              if (!(error instanceof SecretError)) throw error;
              failed.push(key);
              io.stderr.write(`vigie rotate-secrets: ${t(locale, 'security.rotate.failed', { key, code: error.code })}\n`);
            }
          }
        });
        io.stdout.write(`${t(locale, 'security.rotate.done', { sealed, current, failed: failed.length, store: storeLocation(settings.store) })}\n`);
        return failed.length > 0 ? EXIT.failed : EXIT.ok;
      } catch (error) {
        return reportDataError(error, io);
      }
    },
  });
}

export const rotateSecrets: Subcommand = rotateSecretsWith();
