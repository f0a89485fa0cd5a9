import { ARABIC_INTL_LOCALE, type Locale } from '../i18n/locale.js';
import { isTimeZone, localTime, zoneOffsetAt } from '../core/time-zone.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The Intl locale each catalogue language writes dates and numbers with. */
export const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', ar: ARABIC_INTL_LOCALE };
/** Axis steps tried in order: the first that gives at most MAX_TICKS ticks is used. */
const TICK_STEPS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];
const MAX_TICKS = 7;

/** The zone if the runtime knows it, else UTC: a chart is never refused for a mistyped zone. */
export function knownZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : 'UTC';
}

/** `09:05` in the zone. */
export function clockTime(at: number, timeZone: string): string {
  return localTime(at, timeZone).time;
}

/** `27 Nov` / `27 nov.` in the zone. */
export function dayLabel(at: number, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone, day: 'numeric', month: 'short' }).format(at);
}

/** `27 Nov 09:05`, the date left out when `reference` falls on the same local day. */
export function pointLabel(at: number, timeZone: string, locale: Locale, reference?: number): string {
  const sameDay = reference !== undefined && dayLabel(reference, timeZone, locale) === dayLabel(at, timeZone, locale);
  return sameDay ? clockTime(at, timeZone) : `${dayLabel(at, timeZone, locale)} ${clockTime(at, timeZone)}`;
}

export interface Tick {
  at: number;
  /** The time of day, absent for steps of a day or more. */
  time?: string;
  /** The date, on the first tick and where the day changes. */
  day?: string;
}

/**
 * Axis ticks between `from` and `to` on round local times of the zone (every 15 min, 3 h, a day…), at most seven,
 * each with its time and, on the first tick and at each new day, its date.
 */
export function timeTicks(from: number, to: number, timeZone: string, locale: Locale): Tick[] {
  const step = TICK_STEPS.find((s) => (to - from) / s <= MAX_TICKS) ?? TICK_STEPS.at(-1)!;
  const ticks: Tick[] = [];
  let previousDay: string | undefined;
  let local = Math.ceil((from + zoneOffsetAt(from, timeZone)) / step) * step;
  for (let guard = 0; guard < 2 * MAX_TICKS + 2; guard += 1) {
    // The instant whose local time is `local` (across a change of offset, the later reading wins).
    const at = local - zoneOffsetAt(local - zoneOffsetAt(local, timeZone), timeZone);
    if (at > to) break;
    if (at >= from) {
      const day = dayLabel(at, timeZone, locale);
      ticks.push({ at, ...(step < DAY ? { time: clockTime(at, timeZone) } : {}), ...(day !== previousDay ? { day } : {}) });
      previousDay = day;
    }
    local += step;
  }
  return ticks;
}

/** `5 min`, `1 h`: a bucket's length as the axis names it. */
export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** The window of a chart in words: its ends and the incident's start, in its zone (for alt texts and the terminal). */
export function windowWords(chart: { from: number; to: number; spikeAt: number; timeZone: string; locale: Locale }): {
  from: string;
  to: string;
  start: string;
  zone: string;
} {
  const zone = knownZone(chart.timeZone);
  return {
    from: pointLabel(chart.from, zone, chart.locale),
    to: pointLabel(chart.to, zone, chart.locale, chart.from),
    start: pointLabel(chart.spikeAt, zone, chart.locale, chart.from),
    zone,
  };
}
