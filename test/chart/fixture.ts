import type { ChartView } from '../../src/core/alert-view.js';
import type { Locale } from '../../src/i18n/locale.js';
import { chartSeries, chartWindow } from '../../src/chart/window.js';

/** Friday 27 November 2026, 09:00 UTC: the bucket that opened the incident. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
export const BUCKET = 5 * 60_000;

/** Negative mentions per 5-minute bucket: about 5, then a spike from T0 that is still rising an hour later. */
function negativeAt(start: number): number {
  const i = Math.round(start / BUCKET);
  if (start < T0) return 4 + (i % 3);
  return 20 + Math.round(((start - T0) / BUCKET) * 4);
}

/** The chart as messages.ts builds it, `ageMs` after the incident opened, with a flat baseline of 5 ± 2. */
export function chartView(locale: Locale = 'en', title = 'Negative and total mentions: Acme Air', ageMs = 2 * BUCKET, timeZone = 'UTC'): ChartView {
  const window = chartWindow({ openedAt: T0, lastBucketAt: T0 + ageMs - BUCKET, now: T0 + ageMs, bucketMs: BUCKET });
  const stored = [];
  for (let start = window.from; start < T0 + ageMs; start += BUCKET) {
    const negative = negativeAt(start);
    stored.push({ start, negative, total: 30 + negative * 2 + (Math.round(start / BUCKET) % 7), engagement: 100 });
  }
  const series = chartSeries(window, BUCKET, stored, () => ({ expected: 5, spread: 2 }));
  return { ...series, bucketMs: window.bucketMs, from: window.from, to: window.to, spikeAt: T0, timeZone, locale, title };
}
