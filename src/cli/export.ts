import { DataDirLockedError } from '../store/data-dir-lock.js';
import { checkStoreData, dumpSummary, type StoreDump, writeDump } from '../store/dump.js';
import { withStore, type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT } from './command.js';
import type { CliIO, Subcommand } from './io.js';
import { callRunningBot, hereOrThroughBot, RunningBotError } from './running-bot.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';

/**
 * `vigie export [--out file.json]`: every plan, cursor, seen id, bucket, incident and alert, from the store in use;
 * from the running bot when one holds the embedded store's data folder.
 */
export function exportWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    name: 'export',
    summary: 'cli.export.summary',
    synopsis: 'export [--out file.json]',
    options: { out: { type: 'string', short: 'o', placeholder: 'file.json', help: 'cli.export.opt.out' } },
    exits: ['ok', 'failed', 'usage'],
    async run({ out }, _positionals, io) {
      let settings: StoreSettings;
      try {
        settings = storeSettingsOf(given);
      } catch (error) {
        return reportDataError(error, io);
      }
      const write = async (dump: StoreDump, from: string): Promise<number> => {
        if (out) {
          await writeDump(out, dump);
          io.stderr.write(`Exported ${dumpSummary(dump)} from ${from} to ${out}.\n`);
        } else {
          io.stdout.write(`${JSON.stringify(dump)}\n`);
        }
        return EXIT.ok;
      };
      return hereOrThroughBot(
        io,
        () =>
          guarded(io, async () => {
            return withStore(settings, 'vigie-export', async (store) => write(await store.exportAll(), storeLocation(settings)));
          }),
        (bot) =>
          guarded(io, async () => {
            const dump = checkStoreData(await callRunningBot(bot, { method: 'GET', path: '/export' }, io.locale ?? 'en'), 'The running bot’s export');
            return write(dump, `${storeLocation(settings)} (through the running Vigie, pid ${bot.pid})`);
          }),
      );
    },
  });
}

/** Data problems become a message and exit 1; a held folder and the running bot's answers go up to hereOrThroughBot. */
export async function guarded(io: CliIO, job: () => Promise<number>): Promise<number> {
  try {
    return await job();
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof RunningBotError) throw error;
    return reportDataError(error, io);
  }
}

export const exportData: Subcommand = exportWith();
