import type { DigestSchedule } from '../plan.js';
import { zoneOffsetAt } from '../time-zone.js';

const DAYS: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  dim: 0,
  lun: 1,
  mar: 2,
  mer: 3,
  jeu: 4,
  ven: 5,
  sam: 6,
};
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * `daily 08:30`, `weekly mon 08:30`, either followed by `always`; `off` clears (null). Undefined when the words
 * are not a schedule. Days are English or French three-letter abbreviations (or whole names).
 */
export function parseDigest(value: string): DigestSchedule | null | undefined {
  const words = value.trim().toLowerCase().split(/\s+/);
  if (words.length === 1 && /^(off|none|aucun)$/.test(words[0]!)) return null;
  const always = words.at(-1) === 'always' || words.at(-1) === 'toujours';
  if (always) words.pop();
  const time = (text: string | undefined): string | undefined => {
    const match = /^(\d{1,2})[:h](\d{2})$/.exec(text ?? '');
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
    return `${match[1]!.padStart(2, '0')}:${match[2]}`;
  };
  if ((words[0] === 'daily' || words[0] === 'quotidien') && words.length === 2) {
    const at = time(words[1]);
    return at ? { every: 'daily', at, always } : undefined;
  }
  if ((words[0] === 'weekly' || words[0] === 'hebdo') && words.length === 3) {
    const day = DAYS[words[1]!.slice(0, 3)];
    const at = time(words[2]);
    return day !== undefined && at ? { every: 'weekly', day, at, always } : undefined;
  }
  return undefined;
}

/** The schedule as `set` shows it back: `weekly mon 08:30 always`. */
export function describeDigest(schedule: DigestSchedule): string {
  const day = schedule.every === 'weekly' ? ` ${DAY_NAMES[schedule.day ?? 1]}` : '';
  return `${schedule.every}${day} ${schedule.at}${schedule.always ? ' always' : ''}`;
}

const DAY_MS = 86_400_000;

/** The instant whose wall-clock time in `zone` is `local` (UTC-coded); across a change of offset, the later reading. */
function instantOf(local: number, zone: string): number {
  return local - zoneOffsetAt(local - zoneOffsetAt(local, zone), zone);
}

/**
 * The last digest period that has ended at `now`: from the scheduled time one day (or week) before to the last
 * scheduled time at or before `now`, in the plan's zone (daylight-saving days are 23 or 25 hours long).
 */
export function lastDigestPeriod(schedule: DigestSchedule, zone: string, now: number): { from: number; to: number } {
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  const localNow = now + zoneOffsetAt(now, zone);
  let localEnd = Math.floor(localNow / DAY_MS) * DAY_MS + (hour * 60 + minute) * 60_000;
  if (schedule.every === 'weekly') {
    const weekday = new Date(localEnd).getUTCDay();
    localEnd -= ((weekday - (schedule.day ?? 1) + 7) % 7) * DAY_MS;
  }
  const step = schedule.every === 'weekly' ? 7 * DAY_MS : DAY_MS;
  while (instantOf(localEnd, zone) > now) localEnd -= step;
  return { from: instantOf(localEnd - step, zone), to: instantOf(localEnd, zone) };
}
