import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { NotifierError } from '../../../src/platforms/notifier.js';
import { CHANNEL, TENANT, view } from './fixtures.js';
import { installActivity, startHarness, type Harness } from './harness.js';

const destination = { platform: 'teams' as const, workspace: TENANT, channel: CHANNEL };

describe('Teams notifier faults: 429, limits, refusals, restarts', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const installed = async (settings: Parameters<typeof startHarness>[0] = {}, options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> => {
    h = await startHarness(settings, options);
    await h.post(installActivity({ serviceUrl: h.connector.url }));
    return h;
  };

  it('a 429 with Retry-After is waited out, then the root is posted once', async () => {
    const harness = await installed();
    harness.connector.throttle('createConversation', 1, 1);
    const started = Date.now();
    const handle = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    const creates = harness.connector.calls.filter((c) => c.op === 'createConversation');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.at - creates[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(handle?.thread).toMatch(/;messageid=\d+$/);
    expect((await harness.store.threads.get('inc-1', 'teams'))?.ref).toEqual(handle);
  });

  it('a Retry-After beyond the wait bound hands the alert back to the outbox as a temporary error', async () => {
    const harness = await installed({ maxWaitMs: 2_000 });
    harness.connector.throttle('createConversation', 5, 120);
    const started = Date.now();
    const error = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).code).toBe('rate_limited');
    expect((error as NotifierError).temporary).toBe(true);
    expect((error as NotifierError).retryAfterMs).toBe(120_000);
    expect(harness.connector.calls.filter((c) => c.op === 'createConversation')).toHaveLength(1);
    expect(await harness.store.threads.get('inc-1', 'teams')).toBeUndefined();
  });

  it('a 403 (bot removed or blocked) is a permanent error that says what to do', async () => {
    const harness = await installed();
    harness.connector.fail('createConversation', 1, 403);
    const error = (await harness.runtime.notifier
      .deliver({ kind: 'open', view: view() }, destination, undefined)
      .catch((e: unknown) => e)) as NotifierError;
    expect(error.code).toBe('not_in_channel');
    expect(error.temporary).toBe(false);
    expect(error.message).toContain('add the app to it again');
  });

  it('an outage on a card redraw (PUT) is retried in-process; a new post is not', async () => {
    const harness = await installed();
    const handle = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    harness.connector.fail('updateActivity', 1, 502);
    await harness.runtime.notifier.deliver({ kind: 'state', view: view() }, destination, handle ?? undefined);
    expect(harness.connector.calls.filter((c) => c.op === 'updateActivity')).toHaveLength(2);
    harness.connector.fail('sendToConversation', 1, 500);
    const error = (await harness.runtime.notifier
      .deliver({ kind: 'update', view: view(), previous: { stage: 2, severity: 40, negative: 10 } }, destination, handle ?? undefined)
      .catch((e: unknown) => e)) as NotifierError;
    expect(error.code).toBe('unavailable');
    expect(error.temporary).toBe(true);
    // Teams may have posted it despite the 500: repeating it is the outbox's call, not a blind retry here.
    expect(harness.connector.calls.filter((c) => c.op === 'sendToConversation')).toHaveLength(1);
  });

  it('stays under the per-thread limit (7 per second) when a burst of follow-ups comes', async () => {
    const harness = await installed();
    const handle = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    await Promise.all(
      Array.from({ length: 9 }, () => harness.runtime.notifier.deliver({ kind: 'state', view: view() }, destination, handle ?? undefined)),
    );
    const puts = harness.connector.calls.filter((c) => c.op === 'updateActivity').map((c) => c.at);
    expect(puts).toHaveLength(9);
    // The 8th operation on the thread waits for the first second to pass (arrival times jitter under load).
    for (let i = 7; i < puts.length; i += 1) expect(puts[i]! - puts[i - 7]!).toBeGreaterThanOrEqual(900);
  });

  it('after a restart mid-incident, a redelivered "open" posts no second root and follow-ups go to the same thread', async () => {
    const harness = await installed();
    const handle = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    await harness.restart();
    // The outbox had not confirmed the `open` before the crash: it delivers it again, without a handle.
    const again = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined);
    expect(again).toEqual(handle);
    await harness.runtime.notifier.deliver(
      { kind: 'update', view: view(), previous: { stage: 2, severity: 40, negative: 10 } },
      destination,
      undefined,
    );
    expect(harness.connector.calls.filter((c) => c.op === 'createConversation')).toHaveLength(1);
    const followUp = harness.connector.calls.filter((c) => c.op === 'sendToConversation').at(-1);
    expect(followUp?.conversationId).toBe(handle?.thread);
  });

  it('posts a root whose earlier try was never confirmed once, and says in the log it may be a second one (no history search on Teams)', async () => {
    const logs = new PassThrough();
    let logged = '';
    logs.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
    const harness = await installed({}, { logger: createLogger({ level: 'warn', stream: logs }) });
    const handle = await harness.runtime.notifier.deliver({ kind: 'open', view: view() }, destination, undefined, {
      firstTriedAt: Date.UTC(2026, 10, 27, 9),
    });
    expect(harness.connector.calls.filter((c) => c.op === 'createConversation')).toHaveLength(1);
    expect((await harness.store.threads.get('inc-1', 'teams'))?.ref).toEqual(handle);
    const warning = logged
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => String(line.msg).startsWith('teams: posting a root that an earlier, unconfirmed try may already have posted'));
    expect(warning).toMatchObject({ incident: 'inc-1', firstTriedAt: '2026-11-27T09:00:00.000Z' });
  });
});
