import type { SourceHealth } from '../core/source-state.js';
import { zoneOffsetAt } from '../core/time-zone.js';

export type Usage = NonNullable<SourceHealth['usage']>;

const DAY_MS = 86_400_000;

/** Next midnight UTC after `now`: X bills reads per UTC day. */
export function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}

/** Next midnight in a time zone after `now`: YouTube quotas reset at midnight Pacific time. */
export function nextMidnightIn(timeZone: string, now: number): number {
  const offset = zoneOffsetAt(now, timeZone);
  const localDay = Math.floor((Math.floor(now / 1000) * 1000 + offset) / DAY_MS);
  return (localDay + 1) * DAY_MS - offset;
}

/** Usage in the current period: the stored figure until its reset, then a fresh count. */
export function currentUsage(previous: Usage | undefined, limit: number, now: number, resetsAt: number): Usage {
  if (previous && previous.resetsAt > now && previous.resetsAt === resetsAt) return { ...previous, limit };
  return { used: 0, limit, period: 'day', resetsAt };
}

/**
 * When to poll next so that a daily budget lasts the whole day: spending may run ahead of an even pace by a
 * burst allowance (a first poll brings a backlog), beyond that polling waits until the pace catches up, and
 * an exhausted budget waits for the reset. Undefined when polling may go on at its usual rhythm.
 */
export function pacedNotBefore(usage: Usage, now: number, burstFraction = 0.2): number | undefined {
  if (usage.limit <= 0 || usage.used >= usage.limit) return usage.resetsAt;
  const periodStart = usage.resetsAt - DAY_MS;
  const burst = usage.limit * burstFraction;
  const allowed = (usage.limit * (now - periodStart)) / DAY_MS + burst;
  if (usage.used <= allowed) return undefined;
  return Math.min(usage.resetsAt, Math.ceil(periodStart + ((usage.used - burst) / usage.limit) * DAY_MS));
}
