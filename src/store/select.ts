import { type Logger, silentLogger } from '../log.js';
import type { RetentionSettings } from './retention.js';
import type { Store } from './store.js';

/** Which store to open and how: PostgreSQL when a database URL is set, else the embedded lowdb file. */
export interface StoreSettings {
  databaseUrl: string | undefined;
  schema: string;
  poolSize: number;
  dataDir: string;
  retention: RetentionSettings;
}

export function storeKind(settings: Pick<StoreSettings, 'databaseUrl'>): 'postgres' | 'lowdb' {
  return settings.databaseUrl ? 'postgres' : 'lowdb';
}

/** Where the data lives, for messages: never the database password. */
export function storeLocation(settings: StoreSettings): string {
  if (!settings.databaseUrl) return `${settings.dataDir} (embedded store)`;
  try {
    const url = new URL(settings.databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}, schema ${settings.schema}`;
  } catch {
    return `PostgreSQL, schema ${settings.schema}`;
  }
}

/**
 * Each store is imported only when chosen: the embedded mode never loads the PostgreSQL driver, nor the reverse.
 * The embedded store locks its data folder while open (DataDirLockedError when another process holds it); PostgreSQL
 * needs no such lock: its transactions and row locks already serialise writers.
 */
export async function openStore(settings: StoreSettings, options: { logger: Logger; applicationName?: string; migrate?: boolean }): Promise<Store> {
  if (!settings.databaseUrl) {
    const { createLowdbStore } = await import('./lowdb.js');
    return createLowdbStore(settings.dataDir, settings.retention, { logger: options.logger, owner: options.applicationName ?? 'vigie' });
  }
  const { createPostgresStore } = await import('./postgres.js');
  return createPostgresStore(settings.databaseUrl, {
    schema: settings.schema,
    poolSize: settings.poolSize,
    retention: settings.retention,
    logger: options.logger,
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
    ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
  });
}

/** A command-line tool's use of the store: opened for `use` (quietly: the tool says what happened), always closed. */
export async function withStore<T>(settings: StoreSettings, applicationName: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(settings, { logger: silentLogger, applicationName });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
