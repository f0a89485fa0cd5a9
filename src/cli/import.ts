import { z } from 'zod';
import { t } from '../i18n/catalog.js';
import { dumpSummary, readDump, type StoreDump } from '../store/dump.js';
import { withStore, type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT, usage } from './command.js';
import { guarded } from './export.js';
import type { Subcommand } from './io.js';
import { callRunningBot, hereOrThroughBot } from './running-bot.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';

const DEFINITION = {
  name: 'import',
  summary: 'cli.import.summary',
  synopsis: 'import --in file.json',
  options: { in: { type: 'string', short: 'i', placeholder: 'file.json', help: 'cli.import.opt.in' } },
  exits: ['ok', 'failed', 'usage'],
} as const;

const ImportAnswerSchema = z.object({ summary: z.string() });

/**
 * `vigie import --in file.json`: load an export into the store in use (lowdb, or PostgreSQL with DATABASE_URL);
 * into the running bot when one holds the embedded store's data folder.
 */
export function importWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    ...DEFINITION,
    async run(values, _positionals, io) {
      const file = values.in;
      if (!file) return usage(DEFINITION, io, t(io.locale ?? 'en', 'cli.error.missing', { option: '--in' }));
      let settings: StoreSettings;
      let dump: StoreDump;
      try {
        settings = storeSettingsOf(given);
        dump = await readDump(file);
      } catch (error) {
        return reportDataError(error, io);
      }
      return hereOrThroughBot(
        io,
        () =>
          guarded(io, async () => {
            await withStore(settings, 'vigie-import', (store) => store.importAll(dump));
            io.stdout.write(`Imported ${dumpSummary(dump)} into ${storeLocation(settings)}.\n`);
            return EXIT.ok;
          }),
        (bot) =>
          guarded(io, async () => {
            const answer = ImportAnswerSchema.parse(await callRunningBot(bot, { method: 'POST', path: '/import', body: dump }, io.locale ?? 'en'));
            io.stdout.write(`Imported ${answer.summary} into ${storeLocation(settings)} (through the running Vigie, pid ${bot.pid}).\n`);
            return EXIT.ok;
          }),
      );
    },
  });
}

export const importData: Subcommand = importWith();
