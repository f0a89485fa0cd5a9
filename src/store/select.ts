import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createLowdbStore } from './lowdb.js';
import type { RetentionSettings } from './retention.js';
import { createPostgresStore } from './postgres.js';
import type { Store } from './store.js';

/** Which store to open and how: PostgreSQL when a database URL is set, else the embedded lowdb file. */
export interface StoreSettings {
  databaseUrl: string | undefined;
  schema: string;
  poolSize: number;
  dataDir: string;
  retention: RetentionSettings;
}

export function storeSettings(config: Config): StoreSettings {
  return {
    databaseUrl: config.DATABASE_URL,
    schema: config.VIGIE_DB_SCHEMA,
    poolSize: config.VIGIE_DB_POOL_SIZE,
    dataDir: config.VIGIE_DATA_DIR,
    retention: { seenMs: config.VIGIE_SEEN_RETENTION, bucketMs: config.VIGIE_BUCKET_RETENTION, incidentMs: config.VIGIE_INCIDENT_RETENTION },
  };
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

export async function openStore(settings: StoreSettings, options: { logger: Logger; applicationName?: string; migrate?: boolean }): Promise<Store> {
  if (!settings.databaseUrl) return createLowdbStore(settings.dataDir, settings.retention);
  return createPostgresStore(settings.databaseUrl, {
    schema: settings.schema,
    poolSize: settings.poolSize,
    retention: settings.retention,
    logger: options.logger,
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
    ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
  });
}
