import { describe, expect, it } from 'vitest';
import { durationLabel, knownZone, pointLabel, timeTicks, windowWords } from '../../src/chart/time.js';

const HOUR = 3_600_000;

describe('chart times', () => {
  it('ticks on round local hours across a change of clocks (Paris, 25 October 2026: 22:00 CEST to 15:00 CET)', () => {
    const from = Date.UTC(2026, 9, 24, 20, 0);
    const ticks = timeTicks(from, from + 18 * HOUR, 'Europe/Paris', 'en');
    expect(ticks.length).toBeGreaterThan(4);
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const tick of ticks) expect(Number(tick.time?.slice(0, 2)) % 3).toBe(0);
    expect(ticks.map((t) => t.time)).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00']);
    // The date is written on the first tick and where the day changes, not on every tick.
    expect(ticks.filter((t) => t.day !== undefined).map((t) => t.day)).toEqual(['25 Oct']);
  });

  it('gives days only for long windows, in the reader’s language', () => {
    const from = Date.UTC(2026, 10, 20);
    const ticks = timeTicks(from, from + 6 * 24 * HOUR, 'UTC', 'fr');
    expect(ticks.every((t) => t.time === undefined)).toBe(true);
    expect(ticks[0]?.day).toBe('20 nov.');
  });

  it('writes Arabic dates as Morocco does: Maghreb month names, Latin digits', () => {
    expect(pointLabel(Date.UTC(2026, 10, 27, 9, 5), 'Africa/Casablanca', 'ar')).toMatch(/^27 نونبر 1\d:05$/);
  });

  it('names a window and a bucket in words', () => {
    const chart = {
      from: Date.UTC(2026, 10, 27, 7),
      to: Date.UTC(2026, 10, 27, 9, 15),
      spikeAt: Date.UTC(2026, 10, 27, 9),
      timeZone: 'Africa/Casablanca',
      locale: 'en' as const,
    };
    expect(windowWords(chart)).toEqual({ from: '27 Nov 08:00', to: '10:15', start: '10:00', zone: 'Africa/Casablanca' });
    expect(pointLabel(Date.UTC(2026, 10, 28, 1), 'UTC', 'en', chart.from)).toBe('28 Nov 01:00');
    expect([durationLabel(5 * 60_000), durationLabel(2 * HOUR)]).toEqual(['5 min', '2 h']);
    expect(knownZone('Nowhere/Else')).toBe('UTC');
  });
});
