import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FakeFeedItem, FeedServer } from '../fakes/feed-server.js';
import { startVigie } from '../support/process.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const CALM = [
  'Flew Acme to Lyon this morning, smooth boarding and friendly crew',
  'Acme announces a new route to Marrakech for the summer',
  'Thanks Acme, the lounge in Casablanca was great today',
  'Acme app update looks nice, checking in was quick',
  'On an Acme flight to Paris, on time as usual',
  'Acme quarterly results out today, revenue up',
];
const ANGRY = [
  'Acme lost my luggage again, worst airline ever, never flying with them again',
  'Three hours stuck at the gate and Acme says nothing. Terrible, disgusting service',
  'Acme cancelled my flight and refuses a refund. Absolutely furious',
  'Shame on Acme, rude staff and a broken plane, horrible experience',
  'Acme customer service hung up on me twice. Awful, just awful',
];

/** Two and a half days of calm mentions, an older burst 20 h ago, and a burst in the last half hour. */
function history(now: number): FakeFeedItem[] {
  const items: FakeFeedItem[] = [];
  let n = 0;
  const add = (at: number, texts: string[]) => {
    const text = texts[n % texts.length]!;
    items.push({ guid: `item-${n}`, link: `https://news.example/acme/${n}`, title: text, content: `<p>${text} #${n}</p>`, author: `user${n % 37}`, date: new Date(at).toISOString() });
    n += 1;
  };
  for (let at = now - 60 * HOUR; at < now - 10 * MINUTE; at += 12 * MINUTE) add(at, CALM);
  for (let i = 0; i < 45; i += 1) add(now - 20 * HOUR + i * 25_000, ANGRY);
  for (let i = 0; i < 45; i += 1) add(now - 40 * MINUTE + i * 30_000, ANGRY);
  return items;
}

describe('local mode, end to end', () => {
  let feeds: FeedServer;
  let dataDir: string;
  const env = (): Record<string, string> => ({
    VIGIE_DATA_DIR: dataDir,
    VIGIE_POLL_CRON: '* * * * * *',
    VIGIE_POLL_JITTER: '1ms',
    VIGIE_ALLOW_PRIVATE_URLS: 'true',
    VIGIE_GNEWS_URL: feeds.url,
    VIGIE_GALERTS_URL: `${feeds.url}/alerts/feeds`,
    PORT: '0',
    LOG_LEVEL: 'warn',
  });

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
      const alerts = vigie.stdout().split('\n').filter((line) => line.startsWith('🚨'));
      expect(alerts).toHaveLength(1);
      const since = /Since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(vigie.stdout());
      expect(since).not.toBeNull();
      expect(Date.now() - Date.parse(`${since![1]}Z`)).toBeLessThan(2 * HOUR);
      expect(vigie.stdout()).toMatch(/↳ .*\n/);
    } finally {
      expect(await vigie.stop()).toBe(0);
    }

    const data = JSON.parse(await readFile(path.join(dataDir, 'vigie.json'), 'utf8'));
    const openedAt = (data.incidents as Array<{ openedAt: number; alertedAt?: number }>).map((i) => [Date.now() - i.openedAt, i.alertedAt !== undefined]);
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
    expect(vigie.stderr()).not.toMatch(/at .*\.ts:\d+/);
  });
});
