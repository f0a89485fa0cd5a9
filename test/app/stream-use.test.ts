import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceKey } from '../../src/core/source-state.js';
import { type FakeJetstream, startFakeJetstream } from '../fakes/jetstream.js';
import { testVigie, type TestVigie } from '../support/vigie.js';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).toBe(true);
}

/** The Bluesky firehose is one connection for the whole process: it must end with the last plan that listens to it. */
describe('a stream nobody uses', () => {
  let jetstream: FakeJetstream;
  let bot: TestVigie;
  beforeEach(async () => {
    jetstream = await startFakeJetstream();
    bot = await testVigie({ VIGIE_BLUESKY_STREAM_URL: jetstream.url });
  });
  afterEach(async () => {
    await bot.close();
    await jetstream.close();
  });

  const pollStream = async (plan: string): Promise<void> => {
    const saved = (await bot.vigie.store.plans.get(bot.vigie.localContext('tester').scope, plan))!;
    await bot.vigie.pipeline.poll({ planId: saved.id, sourceKey: sourceKey(saved.id, 'bluesky-stream', undefined) });
  };

  it('disconnects once the last plan using it is removed, not before', async () => {
    for (const plan of ['acme', 'globex']) {
      await bot.watchOnly(plan, plan);
      expect((await bot.say(`source ${plan} bluesky-stream`)).reply.ok).toBe(true);
      await pollStream(plan);
    }
    await jetstream.connected(1);
    await until(() => jetstream.open() === 1, 'connected');
    expect((await bot.say('remove acme')).reply.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(jetstream.open()).toBe(1);
    expect((await bot.say('unsource globex bluesky-stream')).reply.ok).toBe(true);
    await until(() => jetstream.open() === 0, 'disconnected after the last plan stopped using it');
    expect(jetstream.connections).toHaveLength(1);
  });

  it('status says the service refuses the stream instead of "OK"', async () => {
    await bot.watchOnly('acme', 'acme');
    await bot.say('source acme bluesky-stream');
    jetstream.refuse(429);
    let text = '';
    for (let i = 0; i < 100 && !text.includes('HTTP 429'); i += 1) {
      await pollStream('acme');
      text = (await bot.say('status')).text;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(text).toMatch(/health: .*failing.*rate limited by the platform \(HTTP 429/);
    expect(text).not.toContain('health: OK');
  });
});
