import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessages } from '../../src/app/messages.js';
import { createOutbox } from '../../src/app/outbox.js';
import { createReminders } from '../../src/app/reminders.js';
import { createDetection } from '../../src/app/detection-binding.js';
import { releaseTime } from '../../src/core/incident/quiet-hours.js';
import { silentLogger } from '../../src/log.js';
import { createLocalNotifier } from '../../src/platforms/local/notifier.js';
import { createPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { incidentFixture, planFixture } from '../store/contract.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 5, 10, 0);

/** Two instances on one PostgreSQL schema, checking reminders and delivering at the same moments. */
describe.skipIf(!POSTGRES_PRESENT)('reminders with several instances (PostgreSQL)', () => {
  const schema = testSchemaName();
  let stores: Store[] = [];
  let clock = T0;
  beforeAll(async () => {
    const open = (name: string) => createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 4, applicationName: name });
    stores = [await open('vigie-a'), await open('vigie-b')];
  });
  afterAll(async () => {
    await Promise.allSettled(stores.map((s) => s.close()));
    await dropSchemas(schema);
  });

  it('queues and delivers each step once, whichever instance sees it', async () => {
    const [a] = stores;
    const plan = {
      ...planFixture('p-remind', 'remind'),
      destination: { platform: 'local' as const, workspace: 'local', channel: 'terminal' },
      escalation: ['U0AMINA', 'U0KARIM'],
      remind: { afterMs: 15 * MIN, severity: 'medium' as const },
    };
    await a!.plans.save(plan);
    await a!.incidents.save({ ...incidentFixture('inc-pg', plan.id, T0 - 5 * MIN), alertedAt: T0 });
    await a!.threads.save({ incidentId: 'inc-pg', platform: 'local', ref: { incident: 'inc-pg' } });

    const instances = stores.map((store, i) => {
      const out = new PassThrough();
      let printed = '';
      out.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      const reminders = createReminders({
        store,
        releaseAt: (p, at, incident) => releaseTime(p.quietHours, at, incident.severity.level),
        now: () => clock,
        logger: silentLogger,
      });
      const outbox = createOutbox({
        store,
        notifiers: new Map([['local', createLocalNotifier(out)]]),
        owner: `instance-${i}`,
        message: createMessages({
          store,
          detection: createDetection({ bucketMs: 5 * MIN, resolveAfterMs: 12 * 60 * MIN }),
          bucketMs: 5 * MIN,
          suggest: () => Promise.reject(new Error('no drafts here')),
          now: () => clock,
          timeZone: 'UTC',
        }),
        now: () => clock,
        logger: silentLogger,
      });
      return { reminders, outbox, printed: () => printed };
    });

    const round = async (): Promise<number> => {
      const queued = await Promise.all(instances.map((x) => x.reminders.check()));
      await Promise.all(instances.map((x) => x.outbox.flush()));
      return queued.reduce((n, q) => n + q, 0);
    };
    clock = T0 + 16 * MIN;
    expect(await round()).toBe(1);
    clock = T0 + 20 * MIN;
    expect(await round()).toBe(0);
    clock = T0 + 31 * MIN;
    expect(await round()).toBe(2);
    clock = T0 + 45 * MIN;
    expect(await round()).toBe(0);

    const printed = instances.map((x) => x.printed()).join('');
    expect(printed.split('Reminder: this Medium alert').length - 1).toBe(1);
    expect(printed.split('✉️ @U0AMINA').length - 1).toBe(1);
    expect(printed.split('✉️ @U0KARIM').length - 1).toBe(1);
    expect(await a!.outbox.pending()).toEqual([]);
  });
});
