import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { startVigie, type VigieProcess } from '../support/process.js';
import { fastPollEnv } from '../support/vigie.js';

const MINUTE = 60_000;

/** Wait until `count()` reaches `at least`, or fail after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A plan listening only to the given feed paths of the fake host. */
async function watchFeeds(vigie: VigieProcess, feedsUrl: string, paths: string[]): Promise<void> {
  await vigie.waitFor(/local mode/);
  vigie.send('watch acme Acme');
  await vigie.waitFor(/Plan \*acme\* created/);
  const defaults = /Listening on: (.*)\./.exec(vigie.stdout());
  for (const source of defaults ? defaults[1]!.split(', ') : []) vigie.send(`unsource acme ${source}`);
  for (const feed of paths) vigie.send(`source acme rss ${feedsUrl}${feed}`);
  await vigie.waitFor(new RegExp(`now listens to rss.*${paths.at(-1)!.replace(/[/.]/g, '\\$&')}`));
}

describe('vigie start under bounds', () => {
  let feeds: FeedServer;
  let dataDir: string;

  beforeAll(async () => {
    const now = Date.now();
    feeds = await startFeedServer({
      items: [1, 2, 3].map((i) => ({ guid: `item-${i}`, title: `Acme news ${i}`, date: new Date(now - i * MINUTE).toISOString() })),
    });
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('fetches a source at most once per minimum interval, across a restart, with a cron faster than the jitter', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-bounds-'));
    // A tick every second and polls spread over 4 s: each tick would queue the source again while it waits its turn.
    const env = { ...fastPollEnv(feeds.url, dataDir), VIGIE_POLL_JITTER: '4s' };
    const fetches = (): number => feeds.requests.filter((r) => r.path === '/rss.xml').length;
    try {
      const first = startVigie(['start'], env);
      try {
        await watchFeeds(first, feeds.url, ['/rss.xml']);
        await until('the first fetch', () => fetches() >= 1);
        // Six more ticks, and every timer they could have queued, come and go.
        await new Promise((r) => setTimeout(r, 6_000));
      } finally {
        expect(await first.stop()).toBe(0);
      }
      expect(fetches()).toBe(1);

      const second = startVigie(['start'], env);
      try {
        await second.waitFor(/local mode/);
        second.send('status');
        await second.waitFor(/acme/);
        await new Promise((r) => setTimeout(r, 6_000));
      } finally {
        expect(await second.stop()).toBe(0);
      }
      // The rss source's minimum interval is a minute: the restart honours the persisted time of the first fetch.
      expect(fetches()).toBe(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('ends within VIGIE_SHUTDOWN_TIMEOUT on SIGTERM during a poll that hangs, after a failed poll, with the store flushed', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-bounds-'));
    const env = { ...fastPollEnv(feeds.url, dataDir), VIGIE_SHUTDOWN_TIMEOUT: '3s', VIGIE_HTTP_TIMEOUT: '60s', LOG_LEVEL: 'info' };
    const hung = (): number => feeds.requests.filter((r) => r.path === '/hang').length;
    const failed = (): number => feeds.requests.filter((r) => r.path === '/status/500').length;
    try {
      const vigie = startVigie(['start'], env);
      await watchFeeds(vigie, feeds.url, ['/status/500', '/hang']);
      await until('a failed poll and a poll that hangs', () => failed() >= 1 && hung() >= 1);
      vigie.send('watch beta Beta');
      await vigie.waitFor(/Plan \*beta\* created/);
      const signalled = Date.now();
      vigie.child.kill('SIGTERM');
      const code = await vigie.exited;
      const took = Date.now() - signalled;
      expect(code).toBe(0);
      expect(took).toBeLessThan(3_000 + 1_500);

      const data = JSON.parse(await readFile(path.join(dataDir, 'vigie.json'), 'utf8')) as {
        plans: Array<{ name: string }>;
        sources: Record<string, { health: { lastPollAt?: number; consecutiveFailures: number } }> | Array<unknown>;
      };
      expect(data.plans.map((p) => p.name).sort()).toEqual(['acme', 'beta']);
      const states = Object.values(data.sources) as Array<{ key: string; health: { lastPollAt?: number; consecutiveFailures: number } }>;
      const hang = states.find((s) => s.key.endsWith('/hang'));
      // The aborted poll is recorded as a fetch (its time is honoured after the restart), not as the source's failure.
      expect(hang?.health.lastPollAt).toBeGreaterThan(0);
      expect(hang?.health.consecutiveFailures).toBe(0);
      expect(states.find((s) => s.key.endsWith('/status/500'))?.health.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(vigie.stderr()).toMatch(/poll aborted by shutdown/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
