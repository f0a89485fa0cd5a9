import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createPostgresStore } from '../../../src/store/postgres.js';
import type { Store } from '../../../src/store/store.js';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../../support/postgres.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';
import { signedHeaders, slashBody } from './wire.js';

const nowS = (): number => Math.floor(Date.now() / 1000);

/** Send exactly the same bytes and headers again, as someone who captured the request would. */
function send(url: string, raw: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: raw });
}

describe('Slack requests: future timestamps and replays (lowdb, one process)', () => {
  const commands = new RecordingCommands();
  let harness: Harness;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await startHarness({ commands, store: temp.store });
  });
  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it('refuses a correctly signed request stamped more than five minutes ahead, and runs nothing', async () => {
    const before = commands.runs.length;
    const raw = slashBody('remove acme', harness.fake.responseUrl('future'));
    const res = await send(harness.events, raw, signedHeaders(raw, { ts: nowS() + 6 * 60 }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'slack_timestamp_future' } });
    expect(commands.runs.length).toBe(before);
    expect(harness.logs.lines).toContainEqual(expect.objectContaining({ msg: 'slack request refused', code: 'slack_timestamp_future' }));
  });

  it('accepts a clock a little ahead (inside the five minutes)', async () => {
    const raw = slashBody('help', harness.fake.responseUrl('ahead'));
    const res = await send(harness.events, raw, signedHeaders(raw, { ts: nowS() + 2 * 60 }));
    expect(res.status).toBe(200);
  });

  it('runs a signed request once: the same request replayed inside its window is refused', async () => {
    const before = commands.runs.length;
    const raw = slashBody('remove acme', harness.fake.responseUrl('replay'));
    const headers = signedHeaders(raw);
    const first = await send(harness.events, raw, headers);
    expect(first.status).toBe(200);
    const again = await send(harness.events, raw, headers);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ error: { code: 'slack_replayed' } });
    expect(commands.runs.length).toBe(before + 1);
    expect(harness.logs.lines).toContainEqual(expect.objectContaining({ msg: 'slack request refused', code: 'slack_replayed' }));
  });

  it('lets Bolt refuse a forged signature, which never enters the replay cache', async () => {
    const raw = slashBody('help', harness.fake.responseUrl('forged'));
    const ts = nowS();
    const forged = await send(harness.events, raw, signedHeaders(raw, { ts, secret: 'not-the-secret' }));
    expect(forged.status).toBe(401);
    const genuine = await send(harness.events, raw, signedHeaders(raw, { ts }));
    expect(genuine.status).toBe(200);
  });
});

describe.skipIf(!POSTGRES_PRESENT)('Slack replays across instances sharing PostgreSQL', () => {
  const schema = testSchemaName('vigie_replay');
  const commands = [new RecordingCommands(), new RecordingCommands()];
  let stores: Store[] = [];
  let harnesses: Harness[] = [];
  beforeAll(async () => {
    stores = await Promise.all(
      ['a', 'b'].map((name) =>
        createPostgresStore(TEST_DATABASE_URL, { schema, logger: silentLogger, poolSize: 2, applicationName: `vigie-${name}` }),
      ),
    );
    harnesses = await Promise.all(stores.map((store, i) => startHarness({ commands: commands[i]!, store })));
  });
  afterAll(async () => {
    await Promise.allSettled(harnesses.map((h) => h.close()));
    await Promise.allSettled(stores.map((s) => s.close()));
    await dropSchemas(schema);
  });

  it('refuses on one instance a request another instance has already run', async () => {
    expect(harnesses).toHaveLength(2);
    const [a, b] = harnesses as [Harness, Harness];
    const raw = slashBody('remove acme', a.fake.responseUrl('shared'));
    const headers = signedHeaders(raw);
    expect((await send(a.events, raw, headers)).status).toBe(200);
    const replayed = await send(b.events, raw, headers);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({ error: { code: 'slack_replayed' } });
    expect(commands[0]!.runs.map((r) => r.text)).toEqual(['remove acme']);
    expect(commands[1]!.runs).toEqual([]);
  });
});
