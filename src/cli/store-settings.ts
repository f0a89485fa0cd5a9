import { ConfigError, loadConfig } from '../config.js';
import { StoreError } from '../store/errors.js';
import { settingsFrom } from '../app/settings.js';
import type { StoreSettings } from '../store/select.js';
import type { CliIO } from './io.js';

/** A data subcommand: its work takes the store settings, so tests give their own instead of the environment. */
export type DataCommand = (args: string[], io: CliIO, settings: StoreSettings) => Promise<number>;

export function fromEnvironment(command: DataCommand) {
  return async (args: string[], io: CliIO): Promise<number> => {
    let settings: StoreSettings;
    try {
      settings = settingsFrom(loadConfig(process.env)).store;
    } catch (error) {
      return reportDataError(error, io);
    }
    return command(args, io, settings);
  };
}

/** Problems a user can fix (settings, database, dump file) are one line on stderr and exit code 1. */
export function reportDataError(error: unknown, io: CliIO): number {
  if (error instanceof ConfigError || error instanceof StoreError) {
    io.stderr.write(`vigie: ${error.message}\n`);
    return 1;
  }
  if (error instanceof Error && 'code' in error) {
    io.stderr.write(`vigie: ${error.message} (${String((error as { code: unknown }).code)})\n`);
    return 1;
  }
  throw error;
}
