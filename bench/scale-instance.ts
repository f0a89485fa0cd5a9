/**
 * One Vigie instance of `bench/scale.ts`, in its own process as in production: PostgreSQL store, pg-boss scheduler,
 * a notifier that reports each post to the parent. The parent drives the detector's clock (`clock` messages).
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config.js';
import { createVigie } from '../src/app/vigie.js';
import { silentLogger } from '../src/log.js';
import { createPgBossScheduler } from '../src/schedule/pgboss.js';
import { createPostgresStore } from '../src/store/postgres.js';

export interface InstanceStart {
  type: 'start';
  name: string;
  databaseUrl: string;
  storeSchema: string;
  bossSchema: string;
  dataDir: string;
  concurrency: number;
  poolSize: number;
}
export type ToInstance = InstanceStart | { type: 'clock'; offset: number } | { type: 'stop' };
export type FromInstance = { type: 'ready' } | { type: 'posted'; kind: string; incidentId: string; at: number } | { type: 'stopped' };

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const send = (message: FromInstance): void => {
  process.send?.(message);
};

let offset = 0;
let stop: (() => Promise<void>) | undefined;

process.on('message', (message: ToInstance) => {
  if (message.type === 'clock') offset = message.offset;
  if (message.type === 'stop') {
    void (async () => {
      await stop?.();
      send({ type: 'stopped' });
      process.exit(0);
    })();
  }
  if (message.type === 'start') void start(message);
});

async function start(options: InstanceStart): Promise<void> {
  const config = loadConfig({
    VIGIE_DATA_DIR: options.dataDir,
    VIGIE_POLL_CRON: '* * * * * *',
    VIGIE_POLL_JITTER: '1ms',
    VIGIE_ALLOW_PRIVATE_URLS: 'true',
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const store = await createPostgresStore(options.databaseUrl, {
    schema: options.storeSchema,
    poolSize: options.poolSize,
    applicationName: `bench-${options.name}`,
    logger: silentLogger,
  });
  const vigie = await createVigie({
    config,
    stdout: discard,
    logStream: process.stderr,
    now: () => Date.now() + offset,
    overrides: {
      store,
      scheduler: (deps) =>
        createPgBossScheduler({
          ...deps,
          databaseUrl: options.databaseUrl,
          schema: options.bossSchema,
          concurrency: options.concurrency,
          pollingIntervalSeconds: 0.5,
          applicationName: `bench-${options.name}-jobs`,
        }),
    },
  });
  vigie.notifiers.set('local', {
    platform: 'local',
    async deliver(message) {
      send({ type: 'posted', kind: message.kind, incidentId: message.view.incidentId, at: Date.now() });
      if (message.kind === 'open') return { incident: message.view.incidentId };
    },
  });
  await vigie.start();
  stop = () => vigie.stop();
  send({ type: 'ready' });
}
