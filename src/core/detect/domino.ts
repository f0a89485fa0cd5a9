import type { Sample, Stage } from '../incident/incident.js';
import type { Incident } from '../incident/incident.js';
import { channelOf, engagementOf, type Channel } from '../mention.js';

/**
 * The domino chain of an incident: 1 isolated complaints → 2 amplification (a post or a burst goes viral on
 * one platform) → 3 spreading to other platforms (forums, blogs, video) → 4 news coverage or a petition.
 */

export interface DominoSettings {
  /** A post is viral when its engagement grows at least this fast, per minute since publication. */
  viralVelocity: number;
  /** A burst is viral when the incident's negative posts together gather this much engagement per minute. */
  burstVelocity: number;
  /** Or when a reposted or quoted negative post comes from an author with at least this many followers. */
  reach: number;
  /** A channel takes part in the spread with at least this many negative posts (news and petitions: one). */
  minPerChannel: number;
}

export const DEFAULT_DOMINO: DominoSettings = { viralVelocity: 5, burstVelocity: 20, reach: 100_000, minPerChannel: 2 };

export type SourceSpread = Incident['sources'][number];

export type StageReason =
  | { kind: 'isolated' }
  | { kind: 'viral-post'; url: string; velocity: number }
  | { kind: 'viral-burst'; engagementPerMinute: number }
  | { kind: 'reach'; url: string; followers: number }
  | { kind: 'campaign'; posts: number }
  | { kind: 'spread'; channels: Channel[] }
  | { kind: 'coverage'; channels: Channel[] };

export interface StageAssessment {
  stage: Stage;
  /** Why this stage: the evidence an alert can print. */
  reasons: StageReason[];
  /** Channels with enough negative posts to count in the spread. */
  channels: Channel[];
  topVelocity: number;
}

/** Engagement per minute since publication (at least one minute), unless the sample already carries it. */
export function velocityOf(sample: Pick<Sample, 'velocity' | 'metrics' | 'publishedAt'>, now: number): number {
  if (sample.velocity !== undefined) return sample.velocity;
  const minutes = Math.max(1, (now - sample.publishedAt) / 60_000);
  return engagementOf(sample.metrics) / minutes;
}

/** Add one bucket's negative mentions to the spread per source kind and channel (first seen, count). */
export function mergeSpread(spread: readonly SourceSpread[], negatives: readonly Sample[]): SourceSpread[] {
  const out = spread.map((s) => ({ ...s }));
  for (const sample of negatives) {
    const channel = channelOf(sample);
    const entry = out.find((s) => s.kind === sample.sourceKind && s.channel === channel);
    if (entry) {
      entry.negative += 1;
      entry.firstSeenAt = Math.min(entry.firstSeenAt, sample.publishedAt);
    } else {
      out.push({ kind: sample.sourceKind, channel, firstSeenAt: sample.publishedAt, negative: 1 });
    }
  }
  return out.sort((a, b) => a.firstSeenAt - b.firstSeenAt);
}

const COVERAGE: ReadonlySet<Channel> = new Set(['news', 'petition']);

/**
 * A call to boycott as a hashtag (#BoycottAcme, #AcmeBoycott, #boycottez…, Arabic #قاطعوا / #مقاطعة): people rallying
 * behind one tag is amplification, whether or not the source reports how far each post travelled.
 */
const BOYCOTT_TAG = /#[\p{L}\p{N}_]*(boycott|قاطعوا|مقاطع)/iu;
export function callsForBoycott(text: string): boolean {
  return BOYCOTT_TAG.test(text);
}

/**
 * Stage of an incident from its spread across channels and the engagement of its top posts.
 * `engagementPerMinute` is the incident's negative engagement over its duration so far.
 */
export function assessStage(
  input: { samples: readonly Sample[]; sources: readonly SourceSpread[]; engagementPerMinute: number; now: number },
  settings: DominoSettings = DEFAULT_DOMINO,
): StageAssessment {
  const perChannel: Partial<Record<Channel, number>> = {};
  for (const s of input.sources) perChannel[s.channel] = (perChannel[s.channel] ?? 0) + s.negative;
  const channels = (Object.keys(perChannel) as Channel[]).filter(
    (channel) => perChannel[channel]! >= (COVERAGE.has(channel) ? 1 : settings.minPerChannel),
  );

  let topVelocity = 0;
  const amplification: StageReason[] = [];
  for (const sample of input.samples) {
    const velocity = velocityOf(sample, input.now);
    topVelocity = Math.max(topVelocity, velocity);
    if (velocity >= settings.viralVelocity) amplification.push({ kind: 'viral-post', url: sample.url, velocity });
    const followers = sample.metrics?.followers ?? 0;
    const shared = (sample.metrics?.reposts ?? 0) + (sample.metrics?.quotes ?? 0) > 0;
    if (followers >= settings.reach && shared) amplification.push({ kind: 'reach', url: sample.url, followers });
  }
  const campaign = input.samples.filter((s) => callsForBoycott(`${s.title ?? ''} ${s.text}`)).length;
  if (campaign >= settings.minPerChannel) amplification.push({ kind: 'campaign', posts: campaign });
  if (input.engagementPerMinute >= settings.burstVelocity) {
    amplification.push({ kind: 'viral-burst', engagementPerMinute: input.engagementPerMinute });
  }

  const coverage = channels.filter((c) => COVERAGE.has(c));
  if (coverage.length > 0) return { stage: 4, reasons: [{ kind: 'coverage', channels: coverage }, ...amplification], channels, topVelocity };
  const social = channels.filter((c) => !COVERAGE.has(c));
  if (social.length >= 2) return { stage: 3, reasons: [{ kind: 'spread', channels: social }, ...amplification], channels, topVelocity };
  if (amplification.length > 0) return { stage: 2, reasons: amplification, channels, topVelocity };
  return { stage: 1, reasons: [{ kind: 'isolated' }], channels, topVelocity };
}
