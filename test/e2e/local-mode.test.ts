import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { calmThenBurst } from '../support/burst.js';
import { startVigie } from '../support/process.js';
import { fastPollEnv } from '../support/vigie.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Two and a half days of calm mentions, an older burst 20 h ago inside that history, and a burst in the last half hour. */
const history = (now: number) =>
  calmThenBurst(now, {
    bursts: [
      { endsAgo: 20 * HOUR, count: 45 },
      { endsAgo: 15 * MINUTE, count: 45 },
    ],
  });

describe('local mode, end to end', () => {
  let feeds: FeedServer;
  let dataDir: string;
  const env = (): Record<string, string> => fastPollEnv(feeds.url, dataDir);

  beforeAll(async () => {
    feeds = await startFeedServer({ items: history(Date.now()) });
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-e2e-'));
  });
  afterAll(async () => {
    await feeds.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers help, alerts once for the live burst and never for the one in history, and keeps plans across a restart', async () => {
    const vigie = startVigie(['start'], env());
    try {
      await vigie.waitFor(/local mode/);
      vigie.send('help');
      await vigie.waitFor(/watch <plan> <query>/);
      vigie.send('watch acme Acme');
      await vigie.waitFor(/Plan \*acme\* created/);
      // A plan gets the keyless search sources by default; this test listens to its own feed only.
      const defaults = /Listening on: (.*)\./.exec(vigie.stdout());
      for (const source of defaults ? defaults[1]!.split(', ') : []) vigie.send(`unsource acme ${source}`);
      vigie.send(`source acme rss ${feeds.url}/rss.xml`);
      await vigie.waitFor(/now listens to rss/);
      await vigie.waitFor(/🚨 .*acme/, 60_000);
      // Later polls bring nothing new: the alert must stay alone.
      await new Promise((r) => setTimeout(r, 4_000));
      const alerts = vigie
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('🚨'));
      expect(alerts).toHaveLength(1);
      const since = /Since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(vigie.stdout());
      expect(since).not.toBeNull();
      expect(Date.now() - Date.parse(`${since![1]}Z`)).toBeLessThan(2 * HOUR);
      expect(vigie.stdout()).toMatch(/↳ .*\n/);
    } finally {
      expect(await vigie.stop()).toBe(0);
    }

    const data = JSON.parse(await readFile(path.join(dataDir, 'vigie.json'), 'utf8'));
    const openedAt = (data.incidents as Array<{ openedAt: number; alertedAt?: number }>).map((i) => [
      Date.now() - i.openedAt,
      i.alertedAt !== undefined,
    ]);
    expect(openedAt.some(([age, alerted]) => (age as number) > 10 * HOUR && alerted === false)).toBe(true);
    expect(openedAt.filter(([, alerted]) => alerted)).toHaveLength(1);

    const again = startVigie(['start'], env());
    try {
      await again.waitFor(/local mode/);
      again.send('list');
      await again.waitFor(/\*acme\*: active, 1 source/);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('refuses a bad setting with one clear message and a non-zero exit', async () => {
    const vigie = startVigie(['start'], { ...env(), VIGIE_BUCKET: '7m', PORT: 'x' });
    expect(await vigie.exited).toBe(1);
    expect(vigie.stderr()).toContain('VIGIE_BUCKET');
    expect(vigie.stderr()).toContain('PORT');
    // No stack frame: the bin runs the compiled JavaScript, so a frame names a .js file (a .ts-only pattern never matched).
    expect(vigie.stderr()).not.toMatch(/^\s+at /m);
  });
});
