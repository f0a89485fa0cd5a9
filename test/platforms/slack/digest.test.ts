import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFixture } from '../digest-fixture.js';
import { bootVigie } from './app.js';
import { T0 } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

describe('Slack: a digest is a message of its own in the plan’s channel', () => {
  let app: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  beforeAll(async () => {
    app = await bootVigie(() => T0);
    harness = await startHarness({ commands: app.vigie.commands, store: app.vigie.store });
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
  });

  it('posts a header and the figures with chat.postMessage, outside any thread', async () => {
    const start = harness.fake.calls.length;
    await harness.adapter.notifier.postDigest!(digestFixture(), { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' });
    const calls = harness.fake.calls.slice(start).filter((c) => c.method !== 'auth.test');
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0ALERTS', text: 'Weekly digest of Acme Air: Mon 23 Nov, 08:30 → Mon 30 Nov, 08:30' });
    expect(calls[0]!.args.thread_ts).toBeUndefined();
    const blocks = JSON.stringify(calls[0]!.args.blocks);
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain('1200 mentions (+200 on the previous period), 300 negative: 25% negative vs 10% before');
    expect(blocks).toContain('Negative mentions per day: ▁▁▁█▂▁▁ (top 50)');
    expect(blocks).toContain('x 5 → 40');
    // Issue 20: the brand beside each competitor over the period.
    expect(blocks).toContain('Share of voice (mentions, share of all, negative share):');
    expect(blocks).toContain('• Acme Air (brand): 1200, 75%, 25% negative');
    expect(blocks).toContain('• Globex: 400, 25%, 10% negative');
  });
});
