import { silentLogger } from '../log.js';
import { dumpSummary, writeDump } from '../store/dump.js';
import { openStore, type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT } from './command.js';
import type { Subcommand } from './io.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';

/** `vigie export [--out file.json]`: every plan, cursor, seen id, bucket, incident and alert, from the store in use. */
export function exportWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    name: 'export',
    summary: 'cli.export.summary',
    synopsis: 'export [--out file.json]',
    options: { out: { type: 'string', short: 'o', placeholder: 'file.json', help: 'cli.export.opt.out' } },
    exits: ['ok', 'failed', 'usage'],
    async run({ out }, _positionals, io) {
      try {
        const settings = storeSettingsOf(given);
        const store = await openStore(settings, { logger: silentLogger, applicationName: 'vigie-export' });
        try {
          const dump = await store.exportAll();
          if (out) {
            await writeDump(out, dump);
            io.stderr.write(`Exported ${dumpSummary(dump)} from ${storeLocation(settings)} to ${out}.\n`);
          } else {
            io.stdout.write(`${JSON.stringify(dump)}\n`);
          }
          return EXIT.ok;
        } finally {
          await store.close();
        }
      } catch (error) {
        return reportDataError(error, io);
      }
    },
  });
}

export const exportData: Subcommand = exportWith();
