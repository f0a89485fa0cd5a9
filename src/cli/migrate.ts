import pg from 'pg';
import { migrate as applyMigrations } from '../store/migrate.js';
import { storeLocation } from '../store/select.js';
import type { Subcommand } from './io.js';
import { fromEnvironment, reportDataError } from './store-settings.js';
import type { DataCommand } from './store-settings.js';

/** `vigie migrate`: bring the PostgreSQL schema up to date (start-up does it too; this is for deploy pipelines). */
export const runMigrate: DataCommand = async (_args, io, settings) => {
  if (!settings.databaseUrl) {
    io.stderr.write('vigie: DATABASE_URL is not set. The embedded store needs no migration; set DATABASE_URL to migrate a PostgreSQL database.\n');
    return 1;
  }
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 1, application_name: 'vigie-migrate' });
  try {
    const report = await applyMigrations(pool, { schema: settings.schema });
    io.stdout.write(
      report.applied.length === 0
        ? `${storeLocation(settings)} is up to date (version ${report.to}).\n`
        : `${storeLocation(settings)}: version ${report.from} → ${report.to} (applied ${report.applied.join(', ')}).\n`,
    );
    return 0;
  } catch (error) {
    return reportDataError(error, io);
  } finally {
    await pool.end();
  }
};

export const migrate: Subcommand = fromEnvironment(runMigrate);
