import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler } from '../../src/schedule/select.js';
import { settingsFrom } from '../../src/app/settings.js';

const schedulerSettings = (config: ReturnType<typeof loadConfig>) => settingsFrom(config).scheduler;
import { POSTGRES_PRESENT, TEST_DATABASE_URL, adminQuery, dropSchemas, testSchemaName } from '../support/postgres.js';

const deps = { cron: '0 0 1 1 *', jitterMs: 0, dueJobs: async () => [], runJob: async () => undefined, logger: silentLogger, now: Date.now };

describe('choosing the scheduler', () => {
  it('uses node-cron in one process without a database URL', async () => {
    const settings = schedulerSettings(loadConfig({}));
    expect(settings).toMatchObject({
      databaseUrl: undefined,
      concurrency: 8,
      retryLimit: 3,
      retryDelaySeconds: 30,
      pollTimeoutSeconds: 600,
      stopTimeoutMs: 30_000,
    });
    const scheduler = await createScheduler(settings, deps);
    await scheduler.start();
    expect(scheduler.isRunning()).toBe(true);
    expect(await scheduler.deadJobs()).toEqual([]);
    await scheduler.stop();
  });

  it.skipIf(!POSTGRES_PRESENT)('uses pg-boss queues in their own schema with a database URL', async () => {
    const schema = testSchemaName('vigie_select_boss');
    const scheduler = await createScheduler({ ...schedulerSettings(loadConfig({})), databaseUrl: TEST_DATABASE_URL, schema, concurrency: 1 }, deps);
    try {
      await scheduler.start();
      expect(scheduler.isRunning()).toBe(true);
      expect(scheduler.nextTickAt()).toBeGreaterThan(Date.now());
      const queues = await adminQuery<{ name: string; policy: string }>(
        `SELECT name, policy FROM ${schema}.queue WHERE name LIKE 'vigie-%' ORDER BY name`,
      );
      expect(queues).toEqual([
        { name: 'vigie-poll', policy: 'short' },
        { name: 'vigie-tick', policy: 'standard' },
      ]);
    } finally {
      await scheduler.stop();
      await dropSchemas(schema);
    }
  });
});
