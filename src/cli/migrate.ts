import pg from 'pg';
import { migrate as applyMigrations } from '../store/migrate.js';
import { type StoreSettings, storeLocation } from '../store/select.js';
import { defineCommand, EXIT } from './command.js';
import type { Subcommand } from './io.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';

/** `vigie migrate`: bring the PostgreSQL schema up to date (start-up does it too; this is for deploy pipelines). */
export function migrateWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    name: 'migrate',
    summary: 'cli.migrate.summary',
    synopsis: 'migrate',
    options: {},
    exits: ['ok', 'failed', 'usage'],
    async run(_values, _positionals, io) {
      let settings: StoreSettings;
      try {
        settings = storeSettingsOf(given);
      } catch (error) {
        return reportDataError(error, io);
      }
      if (!settings.databaseUrl) {
        io.stderr.write(
          'vigie: DATABASE_URL is not set. The embedded store needs no migration; set DATABASE_URL to migrate a PostgreSQL database.\n',
        );
        return EXIT.failed;
      }
      const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 1, application_name: 'vigie-migrate' });
      try {
        const report = await applyMigrations(pool, { schema: settings.schema });
        io.stdout.write(
          report.applied.length === 0
            ? `${storeLocation(settings)} is up to date (version ${report.to}).\n`
            : `${storeLocation(settings)}: version ${report.from} → ${report.to} (applied ${report.applied.join(', ')}).\n`,
        );
        return EXIT.ok;
      } catch (error) {
        return reportDataError(error, io);
      } finally {
        await pool.end();
      }
    },
  });
}

export const migrate: Subcommand = migrateWith();
