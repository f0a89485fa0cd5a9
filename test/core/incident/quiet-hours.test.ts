import { describe, expect, it } from 'vitest';
import { inQuietHours, releaseTime } from '../../../src/core/incident/quiet-hours.js';
import { isTimeZone } from '../../../src/core/time-zone.js';

const paris = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };

describe('quiet hours', () => {
  it("holds a non-critical alert raised at night until the quiet hours end, in the plan's time zone", () => {
    // 23:30 in Paris in winter is 22:30 UTC; the alert goes out at 07:00 Paris, 06:00 UTC.
    const now = Date.UTC(2026, 0, 14, 22, 30, 15);
    expect(inQuietHours(paris, now)).toBe(true);
    expect(releaseTime(paris, now, 'high')).toBe(Date.UTC(2026, 0, 15, 6, 0));
  });

  it('lets critical alerts through, and alerts outside quiet hours', () => {
    const night = Date.UTC(2026, 0, 14, 22, 30);
    expect(releaseTime(paris, night, 'critical')).toBe(night);
    const noon = Date.UTC(2026, 0, 14, 11, 0);
    expect(releaseTime(paris, noon, 'low')).toBe(noon);
    expect(releaseTime(undefined, night, 'low')).toBe(night);
  });

  it('follows daylight saving time: the night the clocks go forward', () => {
    // 29 March 2026, clocks in Paris jump from 02:00 to 03:00. At 01:00 local (00:00 UTC) the end, 07:00
    // local, is 05:00 UTC (summer time), not 06:00.
    const now = Date.UTC(2026, 2, 29, 0, 0);
    expect(releaseTime(paris, now, 'medium')).toBe(Date.UTC(2026, 2, 29, 5, 0));
  });

  it('handles quiet hours within one day and the end of the hours exactly', () => {
    const lunch = { start: '12:00', end: '14:00', timeZone: 'Africa/Casablanca' };
    const at = Date.UTC(2026, 5, 10, 12, 0); // Casablanca is UTC+1: 13:00 local
    expect(inQuietHours(lunch, at)).toBe(true);
    expect(releaseTime(lunch, at, 'low')).toBe(Date.UTC(2026, 5, 10, 13, 0));
    expect(inQuietHours(lunch, Date.UTC(2026, 5, 10, 13, 0))).toBe(false);
  });

  it('validates time zones, and reads an unknown one as UTC instead of failing', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const q = { start: '00:00', end: '06:00', timeZone: 'Mars/Olympus' };
    expect(releaseTime(q, Date.UTC(2026, 0, 1, 3, 0), 'low')).toBe(Date.UTC(2026, 0, 1, 6, 0));
  });
});
