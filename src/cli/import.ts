import { t } from '../i18n/catalog.js';
import { silentLogger } from '../log.js';
import { dumpSummary, readDump } from '../store/dump.js';
import { openStore, type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT, usage } from './command.js';
import type { Subcommand } from './io.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';

const DEFINITION = {
  name: 'import',
  summary: 'cli.import.summary',
  synopsis: 'import --in file.json',
  options: { in: { type: 'string', short: 'i', placeholder: 'file.json', help: 'cli.import.opt.in' } },
  exits: ['ok', 'failed', 'usage'],
} as const;

/** `vigie import --in file.json`: load an export into the store in use (lowdb, or PostgreSQL with DATABASE_URL). */
export function importWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    ...DEFINITION,
    async run(values, _positionals, io) {
      const file = values.in;
      if (!file) return usage(DEFINITION, io, t(io.locale ?? 'en', 'cli.error.missing', { option: '--in' }));
      try {
        const settings = storeSettingsOf(given);
        const dump = await readDump(file);
        const store = await openStore(settings, { logger: silentLogger, applicationName: 'vigie-import' });
        try {
          await store.importAll(dump);
        } finally {
          await store.close();
        }
        io.stdout.write(`Imported ${dumpSummary(dump)} into ${storeLocation(settings)}.\n`);
        return EXIT.ok;
      } catch (error) {
        return reportDataError(error, io);
      }
    },
  });
}

export const importData: Subcommand = importWith();
