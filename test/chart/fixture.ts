import type { ChartView } from '../../src/core/alert-view.js';
import type { Locale } from '../../src/i18n/locale.js';

/** Friday 27 November 2026, 09:00 UTC: the incident starts three hours before the end of the chart. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const HOUR = 3_600_000;

/** 48 hourly buckets with a flat baseline of about 5 negative mentions and a spike over the last three hours. */
export function chartView(locale: Locale = 'en', title = 'Acme Air: the last 48 hours'): ChartView {
  const end = T0 + 3 * HOUR;
  const buckets = Array.from({ length: 48 }, (_, i) => {
    const start = end - (48 - i) * HOUR;
    const spike = i >= 45 ? [30, 45, 60][i - 45]! : 0;
    const negative = 4 + (i % 5) + spike;
    return { start, negative, total: 30 + ((i * 7) % 13) + spike * 2, engagement: 100 + i };
  });
  return {
    buckets,
    bucketMs: HOUR,
    baseline: buckets.map((_, i) => ({ expected: 5 + (i % 3) * 0.5, spread: 2 })),
    spikeAt: buckets[45]!.start,
    locale,
    title,
  };
}
