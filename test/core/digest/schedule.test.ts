import { describe, expect, it } from 'vitest';
import { describeDigest, lastDigestPeriod, parseDigest } from '../../../src/core/digest/schedule.js';
import { sparkline } from '../../../src/core/digest/view.js';

describe('digest schedules', () => {
  it('read daily and weekly schedules, "always" and "off", and refuse the rest', () => {
    expect(parseDigest('daily 08:30')).toEqual({ every: 'daily', at: '08:30', always: false });
    expect(parseDigest('weekly mon 8:30 always')).toEqual({ every: 'weekly', day: 1, at: '08:30', always: true });
    expect(parseDigest('hebdo lundi 08h30')).toEqual({ every: 'weekly', day: 1, at: '08:30', always: false });
    expect(parseDigest('off')).toBeNull();
    for (const bad of ['daily', 'daily 25:00', 'weekly 08:30', 'weekly someday 08:30', 'monthly 08:30', 'daily 08:30 never']) {
      expect(parseDigest(bad)).toBeUndefined();
    }
    expect(describeDigest({ every: 'weekly', day: 5, at: '17:00', always: true })).toBe('weekly fri 17:00 always');
  });

  it('find the last period that ended, in the plan’s zone', () => {
    const daily = { every: 'daily' as const, at: '08:30', always: false };
    const now = Date.UTC(2026, 11, 3, 9, 0);
    expect(lastDigestPeriod(daily, 'UTC', now)).toEqual({ from: Date.UTC(2026, 11, 2, 8, 30), to: Date.UTC(2026, 11, 3, 8, 30) });
    // 08:30 in Casablanca (UTC+1) is 07:30 UTC; at 07:00 UTC the last one is yesterday's.
    expect(lastDigestPeriod(daily, 'Africa/Casablanca', Date.UTC(2026, 11, 3, 7, 0))).toEqual({
      from: Date.UTC(2026, 11, 1, 7, 30),
      to: Date.UTC(2026, 11, 2, 7, 30),
    });
    // Thursday 3 Dec 2026: the last Monday 08:30 is 30 Nov.
    const weekly = { every: 'weekly' as const, day: 1, at: '08:30', always: false };
    expect(lastDigestPeriod(weekly, 'UTC', now)).toEqual({ from: Date.UTC(2026, 10, 23, 8, 30), to: Date.UTC(2026, 10, 30, 8, 30) });
    expect(lastDigestPeriod(weekly, 'UTC', Date.UTC(2026, 10, 30, 8, 30))).toEqual({
      from: Date.UTC(2026, 10, 23, 8, 30),
      to: Date.UTC(2026, 10, 30, 8, 30),
    });
  });

  it('make a daylight-saving day 23 hours long (Paris, 29 March 2026)', () => {
    const period = lastDigestPeriod({ every: 'daily', at: '08:30', always: false }, 'Europe/Paris', Date.UTC(2026, 2, 29, 12));
    expect(period).toEqual({ from: Date.UTC(2026, 2, 28, 7, 30), to: Date.UTC(2026, 2, 29, 6, 30) });
    expect((period.to - period.from) / 3_600_000).toBe(23);
  });

  it('draw the small chart as block characters', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
