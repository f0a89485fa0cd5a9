import { parseArgs } from 'node:util';
import { silentLogger } from '../log.js';
import { dumpSummary, readDump } from '../store/dump.js';
import { openStore, storeLocation } from '../store/select.js';
import type { Subcommand } from './io.js';
import { fromEnvironment, reportDataError } from './store-settings.js';
import type { DataCommand } from './store-settings.js';

const USAGE = 'Usage: vigie import --in file.json   (into the store in use, which must be empty)';

/** `vigie import --in file.json`: load an export into the store in use (lowdb, or PostgreSQL with DATABASE_URL). */
export const runImport: DataCommand = async (args, io, settings) => {
  let file: string | undefined;
  try {
    file = parseArgs({ args, options: { in: { type: 'string', short: 'i' } }, strict: true }).values.in;
  } catch (error) {
    io.stderr.write(`vigie: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!file) {
    io.stderr.write(`vigie: which file? ${USAGE}\n`);
    return 2;
  }
  try {
    const dump = await readDump(file);
    const store = await openStore(settings, { logger: silentLogger, applicationName: 'vigie-import' });
    try {
      await store.importAll(dump);
    } finally {
      await store.close();
    }
    io.stdout.write(`Imported ${dumpSummary(dump)} into ${storeLocation(settings)}.\n`);
    return 0;
  } catch (error) {
    return reportDataError(error, io);
  }
};

export const importData: Subcommand = fromEnvironment(runImport);
