import type { FakeFeedItem } from '../fakes/feed-server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const CALM = [
  'Flew Acme to Lyon this morning, smooth boarding and friendly crew',
  'Acme announces a new route to Marrakech for the summer',
  'Thanks Acme, the lounge in Casablanca was great today',
  'On an Acme flight to Paris, on time as usual',
];
const ANGRY = [
  'Acme lost my luggage again, worst airline ever, never flying with them again',
  'Three hours stuck at the gate and Acme says nothing. Terrible, disgusting service',
  'Acme cancelled my flight and refuses a refund. Absolutely furious',
  'Shame on Acme, rude staff and a broken plane, horrible experience',
];

/** Calm mentions over `days`, then a burst of angry ones ending `endsAgo` before `now`. */
export function calmThenBurst(now: number, options: { days?: number; burst?: number; endsAgo?: number; prefix?: string } = {}): FakeFeedItem[] {
  const items: FakeFeedItem[] = [];
  const prefix = options.prefix ?? 'item';
  let n = 0;
  const add = (at: number, texts: string[]) => {
    const text = texts[n % texts.length]!;
    items.push({ guid: `${prefix}-${n}`, link: `https://news.example/${prefix}/${n}`, title: text, author: `user${n % 41}`, date: new Date(at).toISOString() });
    n += 1;
  };
  const days = options.days ?? 2.5;
  const endsAgo = options.endsAgo ?? 15 * MINUTE;
  const burst = options.burst ?? 45;
  for (let at = now - days * 24 * HOUR; at < now - endsAgo - 30 * MINUTE; at += 12 * MINUTE) add(at, CALM);
  for (let i = 0; i < burst; i += 1) add(now - endsAgo - 25 * MINUTE + (i * 25 * MINUTE) / burst, ANGRY);
  return items;
}
