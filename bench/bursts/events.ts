import type { Brand } from './brands.js';
import { NEGATIVE_SHARE } from './brands.js';
import { binomial, poisson } from './random.js';

/**
 * The events injected into calm stretches of a brand, in 5-minute buckets. A volume event multiplies the usual
 * negatives (extra negative posts, which also count in all mentions); a share event raises the share of negatives
 * while all mentions stay as they were. `buckets` is how long after its start a detection still counts.
 */
export interface InjectedEvent {
  label: string;
  buckets: number;
  /** Multiplier of the usual negatives `tau` buckets after the start. */
  volume?: (tau: number) => number;
  /** Share of negatives `tau` buckets after the start. */
  share?: (tau: number) => number;
}

const HOUR = 12;

function burst(times: number): InjectedEvent {
  return { label: `burst ×${times}, 1 h`, buckets: HOUR, volume: () => times };
}

/** A straight rise from the usual volume to `peak` times it over `hours`, then an hour at the peak. */
function ramp(peak: number, hours: number): InjectedEvent {
  const rise = hours * HOUR;
  return { label: `ramp to ×${peak} over ${hours} h`, buckets: rise + HOUR, volume: (tau) => 1 + ((peak - 1) * Math.min(tau + 1, rise)) / rise };
}

function shift(times: number): InjectedEvent {
  return { label: `level shift ×${times}, 1 day`, buckets: 24 * HOUR, volume: () => times };
}

/** The share of negatives rises over an hour to `to`, then stays there for five more hours. */
function share(to: number): InjectedEvent {
  return {
    label: `share ${Math.round(NEGATIVE_SHARE * 100)}% → ${Math.round(to * 100)}%, flat volume`,
    buckets: 6 * HOUR,
    share: (tau) => NEGATIVE_SHARE + ((to - NEGATIVE_SHARE) * Math.min(tau + 1, HOUR)) / HOUR,
  };
}

export const EVENTS: readonly InjectedEvent[] = [
  burst(3),
  burst(5),
  burst(10),
  burst(20),
  ramp(5, 2),
  ramp(5, 6),
  ramp(5, 12),
  shift(1.5),
  shift(2),
  shift(3),
  share(0.45),
  share(0.6),
  share(0.9),
];

/** The brand's negatives and mentions over the event's buckets from `start`, with the event injected. */
export function inject(brand: Brand, start: number, event: InjectedEvent, rand: () => number): { negative: number[]; total: number[] } {
  const negative: number[] = [];
  const total: number[] = [];
  for (let tau = 0; tau < event.buckets && start + tau < brand.total.length; tau++) {
    const i = start + tau;
    if (event.share) {
      total.push(brand.total[i]!);
      negative.push(binomial(brand.total[i]!, event.share(tau), rand));
    } else {
      const extra = poisson((event.volume!(tau) - 1) * brand.usual[i]!, rand);
      negative.push(brand.negative[i]! + extra);
      total.push(brand.total[i]! + extra);
    }
  }
  return { negative, total };
}
