import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createVigie } from '../../src/app/vigie.js';
import type { Vigie } from '../../src/app/vigie.js';
import { createPgBossScheduler } from '../../src/schedule/pgboss.js';
import { createPostgresStore } from '../../src/store/postgres.js';
import { sourceKey } from '../../src/core/source-state.js';
import { createHttpClient } from '../../src/sources/http.js';
import type { HttpClient } from '../../src/sources/http.js';
import type { AlertMessage, Notifier } from '../../src/platforms/notifier.js';
import { replyText } from '../../src/platforms/reply-text.js';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FakeFeedItem, FeedServer } from '../fakes/feed-server.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import type { TcpProxy } from '../support/tcp-proxy.js';
import { ANGRY, CALM, acmePost } from '../support/burst.js';
import { fastPollEnv } from '../support/vigie.js';
import { until } from '../support/wait.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Two and a half days of calm mentions up to ten minutes ago. */
function calm(now: number): FakeFeedItem[] {
  const items: FakeFeedItem[] = [];
  for (let at = now - 60 * HOUR; at < now - 10 * MINUTE; at += 12 * MINUTE) items.push(acmePost(items.length, at, CALM));
  return items;
}

/** 45 angry posts in the last four minutes: all in buckets the detector has not stepped over yet. */
function spike(now: number, first: number): FakeFeedItem[] {
  return Array.from({ length: 45 }, (_, i) => acmePost(first + i, now - 4 * MINUTE + i * 5_000, ANGRY));
}

interface Delivery {
  instance: string;
  kind: AlertMessage['kind'];
  incidentId: string;
}

function recorder(instance: string, deliveries: Delivery[], alive: () => boolean): Notifier {
  return {
    platform: 'local',
    async deliver(message) {
      // A dead process posts nothing: once cut, this instance's notifier refuses like its vanished process would.
      if (!alive()) throw new Error(`${instance} is dead`);
      deliveries.push({ instance, kind: message.kind, incidentId: message.view.incidentId });
      if (message.kind === 'open') return { incident: message.view.incidentId, by: instance };
    },
  };
}

/** An HTTP client that, once armed, holds the next feed request until released: the instance is then mid-poll. */
function gatedHttp(inner: HttpClient) {
  let armed = false;
  let entered: () => void = () => undefined;
  const enteredOnce = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const client: HttpClient = {
    async request(url, init) {
      if (armed) {
        entered();
        await released;
      }
      return inner.request(url, init);
    },
  };
  return {
    client,
    arm: () => {
      armed = true;
    },
    entered: enteredOnce,
    release,
  };
}

describe.skipIf(!POSTGRES_PRESENT).each([2, 3])('%i instances sharing one PostgreSQL database', (count) => {
  let feeds: FeedServer;
  let dataDir: string;
  const storeSchema = testSchemaName('vigie_app');
  const bossSchema = testSchemaName('vigie_app_boss');
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (c: Buffer) => (logText += c.toString()));

  beforeAll(async () => {
    feeds = await startFeedServer({ items: calm(Date.now()) });
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-instances-'));
  });
  afterAll(async () => {
    await feeds.close();
    await rm(dataDir, { recursive: true, force: true });
    await dropSchemas(storeSchema, bossSchema);
  });

  it('posts exactly one parent alert for a spike arriving while an instance dies mid-poll, and loses no mention', async () => {
    const config = loadConfig(fastPollEnv(feeds.url, dataDir));
    const deliveries: Delivery[] = [];
    const instances: Array<{ name: string; vigie: Vigie; proxy: TcpProxy; alive: boolean; gate: ReturnType<typeof gatedHttp> }> = [];
    for (let i = 0; i < count; i += 1) {
      const name = `instance-${i}`;
      const proxy = await startTcpProxy('127.0.0.1', Number(new URL(TEST_DATABASE_URL).port || 5432));
      const url = new URL(TEST_DATABASE_URL);
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      const databaseUrl = url.toString();
      const gate = gatedHttp(createHttpClient({ allowPrivateUrls: true, timeoutMs: 10_000, maxBytes: 5_000_000, userAgent: 'vigie-test' }));
      const store = await createPostgresStore(databaseUrl, {
        schema: storeSchema,
        poolSize: 4,
        applicationName: `vigie-${name}`,
        logger: silentLogger,
      });
      const vigie = await createVigie({
        config,
        stdout: new PassThrough(),
        logStream: logs,
        now,
        overrides: {
          store,
          http: gate.client,
          scheduler: (deps) =>
            createPgBossScheduler({
              ...deps,
              databaseUrl,
              schema: bossSchema,
              concurrency: 2,
              pollingIntervalSeconds: 0.5,
              stopTimeoutMs: 2_000,
              applicationName: `vigie-${name}-jobs`,
            }),
        },
      });
      const entry = { name, vigie, proxy, alive: true, gate };
      vigie.notifiers.set(
        'local',
        recorder(name, deliveries, () => entry.alive),
      );
      instances.push(entry);
    }
    await Promise.all(instances.map((x) => x.vigie.start()));
    const [first] = instances;
    const victim = instances[count - 1]!;
    try {
      const ctx = first!.vigie.localContext('tester');
      const created = replyText(await first!.vigie.commands.run('watch acme Acme', ctx), 'en');
      const defaults = /Listening on: (.*)\./.exec(created);
      for (const source of defaults ? defaults[1]!.split(', ') : []) await first!.vigie.commands.run(`unsource acme ${source}`, ctx);
      expect(replyText(await first!.vigie.commands.run(`source acme rss ${feeds.url}/rss.xml`, ctx), 'en')).toMatch(/now listens to rss/);
      const plan = (await first!.vigie.store.plans.get(ctx.scope, 'acme'))!;
      const key = sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`);

      // The history is polled by whichever instance gets the job; the detector learns its baseline.
      await until(async () => (await first!.vigie.store.detector.get(plan.id)) !== undefined, 30_000, 'the first poll and detector step');
      expect(await first!.vigie.store.incidents.list(plan.id, 10)).toEqual([]);

      // The victim is the next instance to poll the feed, and hangs in the middle of that poll.
      victim.gate.arm();
      const victimPolling = victim.gate.entered.then(() => true);
      await until(
        async () => {
          offset += 61_000; // the source's minimum interval has passed: due again
          return Promise.race([victimPolling, new Promise<boolean>((r) => setTimeout(() => r(false), 1_500))]);
        },
        60_000,
        'the victim to start polling',
      );

      // The spike arrives while the victim is mid-poll, and the victim dies: its sessions, locks and leases go.
      const spikeAt = now();
      const history = calm(Date.now());
      feeds.setItems([...history, ...spike(spikeAt, history.length)]);
      victim.alive = false;
      await victim.proxy.cut();

      // Time passes: the spike's buckets close, and the survivors poll and alert.
      offset += 15 * MINUTE;
      await until(() => deliveries.some((d) => d.kind === 'open'), 60_000, 'the parent alert');
      // More ticks and outbox rounds on every survivor: nothing may be posted twice.
      await new Promise((r) => setTimeout(r, 5_000));

      const parents = deliveries.filter((d) => d.kind === 'open');
      expect(parents).toHaveLength(1);
      expect(deliveries.filter((d) => d.instance === victim.name)).toEqual([]);
      const incidents = await first!.vigie.store.incidents.list(plan.id, 10);
      expect(incidents.filter((i) => i.alertedAt !== undefined).map((i) => i.id)).toEqual([parents[0]!.incidentId]);
      expect(await first!.vigie.store.threads.get(parents[0]!.incidentId, 'local')).toMatchObject({ ref: { incident: parents[0]!.incidentId } });
      expect((await first!.vigie.store.outbox.pending()).filter((o) => o.kind === 'open')).toEqual([]);

      // No lost and no double update: every mention, calm or angry, is counted once in the buckets.
      const buckets = await first!.vigie.store.buckets.range(plan.id, 0, Number.MAX_SAFE_INTEGER);
      expect(buckets.reduce((n, b) => n + b.total, 0)).toBe(history.length + 45);
      const state = await first!.vigie.store.sources.get(key);
      expect(state?.health.consecutiveFailures).toBe(0);
    } catch (error) {
      process.stderr.write(logText.split('\n').slice(-40).join('\n'));
      throw error;
    } finally {
      victim.gate.release();
      await Promise.allSettled(instances.map((x) => Promise.race([x.vigie.stop(), new Promise((r) => setTimeout(r, 10_000))])));
    }
  }, 180_000);
});
