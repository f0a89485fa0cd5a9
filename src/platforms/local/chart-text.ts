import type { ChartView } from '../../core/alert-view.js';
import type { Translate } from '../../i18n/catalog.js';

const BARS = '▁▂▃▄▅▆▇█';

/** The chart of a terminal thread: a sparkline per series, hourly, with the spike hour marked. */
export function chartSummary(chart: ChartView, t: Translate): string[] {
  const hourMs = 3_600_000;
  const hours = new Map<number, { negative: number; total: number; expected: number }>();
  chart.buckets.forEach((bucket, i) => {
    const hour = Math.floor(bucket.start / hourMs) * hourMs;
    const entry = hours.get(hour) ?? { negative: 0, total: 0, expected: 0 };
    entry.negative += bucket.negative;
    entry.total += bucket.total;
    entry.expected += chart.baseline[i]?.expected ?? 0;
    hours.set(hour, entry);
  });
  const ordered = [...hours.entries()].sort((a, b) => a[0] - b[0]);
  const spark = (values: number[]): string => {
    const max = Math.max(1, ...values);
    return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
  };
  const spikeHour = Math.floor(chart.spikeAt / hourMs) * hourMs;
  const marker = ordered.map(([hour]) => (hour === spikeHour ? '^' : ' ')).join('');
  return [
    chart.title,
    `${spark(ordered.map(([, v]) => v.negative))}  ${t('alert.chart.negative')}`,
    `${spark(ordered.map(([, v]) => v.expected))}  ${t('alert.chart.baseline')}`,
    `${spark(ordered.map(([, v]) => v.total))}  ${t('alert.chart.total')}`,
    `${marker}  ${t('alert.chart.spike')}`,
  ];
}
