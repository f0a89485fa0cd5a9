import { parseArgs } from 'node:util';
import { silentLogger } from '../log.js';
import { dumpSummary, writeDump } from '../store/dump.js';
import { openStore, storeLocation } from '../store/select.js';
import type { Subcommand } from './io.js';
import { fromEnvironment, reportDataError } from './store-settings.js';
import type { DataCommand } from './store-settings.js';

/** `vigie export [--out file.json]`: every plan, cursor, seen id, bucket, incident and alert, from the store in use. */
export const runExport: DataCommand = async (args, io, settings) => {
  let out: string | undefined;
  try {
    out = parseArgs({ args, options: { out: { type: 'string', short: 'o' } }, strict: true }).values.out;
  } catch (error) {
    io.stderr.write(`vigie: ${(error as Error).message}\nUsage: vigie export [--out file.json]\n`);
    return 2;
  }
  try {
    const store = await openStore(settings, { logger: silentLogger, applicationName: 'vigie-export' });
    try {
      const dump = await store.exportAll();
      if (out) {
        await writeDump(out, dump);
        io.stderr.write(`Exported ${dumpSummary(dump)} from ${storeLocation(settings)} to ${out}.\n`);
      } else {
        io.stdout.write(`${JSON.stringify(dump)}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    return reportDataError(error, io);
  }
};

export const exportData: Subcommand = fromEnvironment(runExport);
