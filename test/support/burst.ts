import type { FakeFeedItem } from '../fakes/feed-server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Everyday mentions of Acme, and angry ones: the spike in tests and benchmarks that run the whole bot. */
export const CALM = [
  'Flew Acme to Lyon this morning, smooth boarding and friendly crew',
  'Acme announces a new route to Marrakech for the summer',
  'Thanks Acme, the lounge in Casablanca was great today',
  'Acme app update looks nice, checking in was quick',
  'On an Acme flight to Paris, on time as usual',
  'Acme quarterly results out today, revenue up',
];
export const ANGRY = [
  'Acme lost my luggage again, worst airline ever, never flying with them again',
  'Three hours stuck at the gate and Acme says nothing. Terrible, disgusting service',
  'Acme cancelled my flight and refuses a refund. Absolutely furious',
  'Shame on Acme, rude staff and a broken plane, horrible experience',
  'Acme customer service hung up on me twice. Awful, just awful',
];

/** The n-th post of a fake feed, at `at`, with one of `texts`. */
export function acmePost(n: number, at: number, texts: string[]): FakeFeedItem {
  const text = texts[n % texts.length]!;
  return {
    guid: `item-${n}`,
    link: `https://news.example/acme/${n}`,
    title: text,
    content: `<p>${text} #${n}</p>`,
    author: `user${n % 37}`,
    date: new Date(at).toISOString(),
  };
}

export interface Burst {
  /** How long before `now` the burst ends. */
  endsAgo: number;
  /** Angry posts in it, spread over 25 minutes. */
  count: number;
}

/** Calm mentions of Acme every 12 minutes over `days`, with bursts of angry ones (by default one ending 15 min ago). */
export function calmThenBurst(now: number, options: { days?: number; bursts?: Burst[]; prefix?: string } = {}): FakeFeedItem[] {
  const items: FakeFeedItem[] = [];
  const prefix = options.prefix ?? 'item';
  const bursts = options.bursts ?? [{ endsAgo: 15 * MINUTE, count: 45 }];
  const lastCalm = now - Math.min(...bursts.map((b) => b.endsAgo)) - 30 * MINUTE;
  let n = 0;
  const add = (at: number, texts: string[]) => {
    const text = texts[n % texts.length]!;
    items.push({
      guid: `${prefix}-${n}`,
      link: `https://news.example/${prefix}/${n}`,
      title: text,
      content: `<p>${text}</p>`,
      author: `user${n % 41}`,
      date: new Date(at).toISOString(),
    });
    n += 1;
  };
  for (let at = now - (options.days ?? 2.5) * 24 * HOUR; at < lastCalm; at += 12 * MINUTE) add(at, CALM);
  for (const burst of bursts) {
    for (let i = 0; i < burst.count; i += 1) add(now - burst.endsAgo - 25 * MINUTE + (i * 25 * MINUTE) / burst.count, ANGRY);
  }
  return items;
}
