import { durationLabel, windowWords } from '../../chart/time.js';
import type { ChartView } from '../../core/alert-view.js';
import type { Translate } from '../../i18n/catalog.js';

const BARS = '▁▂▃▄▅▆▇█';
/** A terminal line stays readable at 80 columns: longer series are merged into fewer, longer points. */
const MAX_COLUMNS = 60;

/** One bar per value, on a scale from 0 to `max` (not each series' own maximum: equal heights mean equal counts). */
function spark(values: number[], max: number): string {
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.max(0, Math.ceil((v / max) * BARS.length) - 1))]).join('');
}

/**
 * The chart of a terminal thread as sparklines over the same window as the PNG: negative mentions and their
 * expected level on one scale, all mentions on their own, each scale written beside its line, the incident's
 * start marked under its column and the window's ends and zone written under the lines.
 */
export function chartSummary(chart: ChartView, t: Translate): string[] {
  const per = Math.max(1, Math.ceil(chart.buckets.length / MAX_COLUMNS));
  const columns: Array<{ start: number; negative: number; total: number; expected: number }> = [];
  chart.buckets.forEach((bucket, i) => {
    if (i % per === 0) columns.push({ start: bucket.start, negative: 0, total: 0, expected: 0 });
    const column = columns.at(-1)!;
    column.negative += bucket.negative;
    column.total += bucket.total;
    column.expected += chart.baseline[i]?.expected ?? 0;
  });
  const bucket = durationLabel(chart.bucketMs * per);
  const negativeMax = Math.max(1, ...columns.map((c) => Math.max(c.negative, c.expected)));
  const totalMax = Math.max(1, ...columns.map((c) => c.total));
  const round = (v: number): number => Math.ceil(v);
  const names = [t('alert.chart.negative'), t('alert.chart.baseline'), t('alert.chart.total')];
  const width = Math.max(...names.map((n) => n.length));
  const label = (name: string): string => `  ${name.padEnd(width)}  `;
  const spikeColumn = columns.findLastIndex((c) => c.start <= chart.spikeAt);
  const words = windowWords(chart);
  return [
    chart.title,
    `${label(names[0]!)}${spark(
      columns.map((c) => c.negative),
      negativeMax,
    )}  ${t('alert.chart.scale', { max: round(negativeMax), bucket })}`,
    `${label(names[1]!)}${spark(
      columns.map((c) => c.expected),
      negativeMax,
    )}  ${t('alert.chart.sameScale')}`,
    `${label(names[2]!)}${spark(
      columns.map((c) => c.total),
      totalMax,
    )}  ${t('alert.chart.scale', { max: round(totalMax), bucket })}`,
    ...(spikeColumn >= 0 ? [`${label('')}${' '.repeat(spikeColumn)}^ ${t('alert.chart.spike', { time: words.start })}`] : []),
    `${label('')}${t('alert.chart.range', { from: words.from, to: words.to, zone: words.zone })}`,
  ];
}
