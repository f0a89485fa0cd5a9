import type { QuietHours } from '../plan.js';
import type { SeverityLevel } from './incident.js';
import { localTime } from '../time-zone.js';

/**
 * Quiet hours: alerts below `critical` raised inside the plan's quiet hours wait until they end, in the
 * plan's own time zone (IANA, through Intl: daylight-saving changes included). `start` > `end` spans midnight.
 */

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight at `at`, in `timeZone` (UTC when the zone is unknown). */
export function localMinutes(at: number, timeZone: string): number {
  return minutesOf(localTime(at, timeZone).time);
}

export function inQuietHours(quiet: QuietHours, at: number): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const local = localMinutes(at, quiet.timeZone);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/** When an alert of this level raised at `now` may be delivered: `now`, or the end of the quiet hours. */
export function releaseTime(quiet: QuietHours | undefined, now: number, level: SeverityLevel): number {
  if (!quiet || level === 'critical' || !inQuietHours(quiet, now)) return now;
  const end = minutesOf(quiet.end);
  const startOfMinute = now - (now % 60_000);
  let candidate = startOfMinute + ((end - localMinutes(now, quiet.timeZone) + 1440) % 1440) * 60_000;
  // A daylight-saving change in between moves the local clock: correct by the difference, twice at most.
  for (let i = 0; i < 2; i++) {
    const drift = ((end - localMinutes(candidate, quiet.timeZone) + 1440 + 720) % 1440) - 720;
    if (drift === 0) break;
    candidate += drift * 60_000;
  }
  return Math.max(candidate, now);
}
