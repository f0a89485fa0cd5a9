import { formatInZone } from '../core/time-zone.js';

/** Times in replies: unambiguous and the same in every language (minutes, in the plan's zone with its offset). */
export function formatTime(ms: number, timeZone = 'UTC'): string {
  return formatInZone(ms, timeZone);
}
