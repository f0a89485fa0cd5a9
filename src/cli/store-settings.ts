import { settingsFrom } from '../app/settings.js';
import { ConfigError, loadConfig } from '../config.js';
import { StoreError } from '../store/errors.js';
import type { StoreSettings } from '../store/select.js';
import { EXIT } from './command.js';
import { storeErrorText } from './running-bot.js';
import type { CliIO } from './io.js';

/** The store settings a data subcommand works on: those given (tests), else the environment's. */
export function storeSettingsOf(given: StoreSettings | undefined): StoreSettings {
  return given ?? settingsFrom(loadConfig(process.env)).store;
}

/** Problems a user can fix (settings, database, dump file) are one line on stderr and exit code 1. */
export function reportDataError(error: unknown, io: CliIO): number {
  if (error instanceof StoreError) {
    io.stderr.write(`vigie: ${storeErrorText(error, io.locale ?? 'en')}\n`);
    return EXIT.failed;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`vigie: ${error.message}\n`);
    return EXIT.failed;
  }
  if (error instanceof Error && 'code' in error) {
    io.stderr.write(`vigie: ${error.message} (${String((error as { code: unknown }).code)})\n`);
    return EXIT.failed;
  }
  throw error;
}
