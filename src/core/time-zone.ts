import type { Plan } from './plan.js';

/**
 * A plan's local time: the IANA zone its alerts, replies, charts, quiet hours and drafts are written in. Intl reads
 * the IANA database, so daylight-saving changes and Morocco's Ramadan hour (Africa/Casablanca at UTC+0 instead of
 * UTC+1) come with it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const secondFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds to add to UTC to get the wall-clock time of `zone` at instant `at` (to the second). */
export function zoneOffsetAt(at: number, zone: string): number {
  let f = secondFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    secondFormatters.set(zone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** A zone of the IANA database (`Africa/Casablanca`, `Europe/Paris`, `UTC`), as the runtime's Intl knows it. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling (`africa/casablanca` → `Africa/Casablanca`), or undefined when it is not one. */
export function canonicalTimeZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  if (!isTimeZone(trimmed)) return undefined;
  return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
}

/**
 * The zone a plan's times are shown in: its own, else (plans from before the setting) its quiet hours' zone, else
 * the workspace default (`VIGIE_TIMEZONE`).
 */
export function planTimeZone(plan: Pick<Plan, 'timeZone' | 'quietHours'>, fallback: string): string {
  return plan.timeZone ?? plan.quietHours?.timeZone ?? fallback;
}

export interface LocalTime {
  date: string;
  time: string;
  /** Offset from UTC at that instant, `+01:00`. */
  offset: string;
}

/** The wall-clock date and time at `at` in `timeZone` (UTC when the zone is unknown). */
export function localTime(at: number, timeZone: string): LocalTime {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const get = (type: string, parts: Intl.DateTimeFormatPart[]): string => parts.find((p) => p.type === type)?.value ?? '';
  const parts = formatter(zone).formatToParts(at);
  const date = `${get('year', parts)}-${get('month', parts)}-${get('day', parts)}`;
  const time = `${get('hour', parts)}:${get('minute', parts)}`;
  const wall = Date.UTC(
    Number(get('year', parts)),
    Number(get('month', parts)) - 1,
    Number(get('day', parts)),
    Number(time.slice(0, 2)),
    Number(time.slice(3)),
  );
  const minutes = Math.round((wall - (at - (at % 60_000))) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { date, time, offset };
}

/** `2026-03-01 14:05 Africa/Casablanca (UTC+01:00)`, or `2026-03-01 13:05 UTC`: unambiguous in every language. */
export function formatInZone(at: number, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const { date, time, offset } = localTime(at, zone);
  return zone === 'UTC' || zone === 'Etc/UTC' ? `${date} ${time} UTC` : `${date} ${time} ${zone} (UTC${offset})`;
}
