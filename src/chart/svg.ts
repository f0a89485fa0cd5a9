import type { ChartView } from '../core/alert-view.js';
import type { Locale } from '../i18n/locale.js';
import { t } from '../i18n/catalog.js';

/** The font every label is drawn with: shipped with the app (see chart/png.ts), never looked up on the system. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const WIDTH = 1000;
const HEIGHT = 520;
const PLOT = { left: 80, right: WIDTH - 30, top: 96, bottom: HEIGHT - 70 };
const COLORS = { negative: '#d93025', total: '#5f6b7a', band: '#f6c343', spike: '#7b1fa2', grid: '#e3e6ea', text: '#1d1c1d' };
const HOUR = 3_600_000;
const DATE_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round step (1, 2 or 5 × 10^n) giving about five ticks up to `max`. */
function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const factor = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return Math.max(1, factor * power);
}

function bucketLabel(bucketMs: number): string {
  const minutes = Math.round(bucketMs / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

/**
 * The volume chart of an incident thread as SVG: negative and total mentions per bucket, the expected negative
 * volume as a band (± one spread), and a marker where the incident started. Times are UTC: the chart is an image and
 * cannot follow each reader's time zone, so it says so on its axis.
 */
export function renderChartSvg(chart: ChartView): string {
  const { locale, buckets, baseline, bucketMs } = chart;
  const start = buckets[0]?.start ?? chart.spikeAt - 47 * HOUR;
  const end = Math.max((buckets.at(-1)?.start ?? chart.spikeAt) + bucketMs, chart.spikeAt + bucketMs);
  const highest = Math.max(1, ...buckets.map((b) => Math.max(b.total, b.negative)), ...baseline.map((b) => b.expected + b.spread));
  const step = niceStep(highest);
  const top = Math.ceil((highest * 1.05) / step) * step;
  const x = (time: number): number => PLOT.left + ((time - start) / (end - start)) * (PLOT.right - PLOT.left);
  const y = (value: number): number => PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top);
  const mid = (i: number): number => x((buckets[i]?.start ?? start) + bucketMs / 2);

  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(text(PLOT.left, 36, chart.title, `font-size="22" font-weight="bold" fill="${COLORS.text}"`));

  for (let value = 0; value <= top; value += step) {
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="${COLORS.grid}"/>`);
    parts.push(text(PLOT.left - 10, y(value) + 5, String(value), `font-size="13" text-anchor="end" fill="${COLORS.text}"`));
  }
  const dayFormat = new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const firstTick = Math.ceil(start / (6 * HOUR)) * 6 * HOUR;
  for (let time = firstTick; time <= end; time += 6 * HOUR) {
    const date = new Date(time);
    const label = date.getUTCHours() === 0 ? dayFormat.format(date) : `${String(date.getUTCHours()).padStart(2, '0')}:00`;
    parts.push(`<line x1="${x(time).toFixed(1)}" x2="${x(time).toFixed(1)}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${COLORS.grid}"/>`);
    parts.push(text(x(time), PLOT.bottom + 22, label, `font-size="13" text-anchor="middle" fill="${COLORS.text}"`));
  }
  parts.push(
    text((PLOT.left + PLOT.right) / 2, HEIGHT - 18, t(locale, 'chart.axisTime'), `font-size="14" text-anchor="middle" fill="${COLORS.text}"`),
  );
  const yTitle = t(locale, 'chart.axisCount', { bucket: bucketLabel(bucketMs) });
  parts.push(
    text(
      22,
      (PLOT.top + PLOT.bottom) / 2,
      yTitle,
      `font-size="14" text-anchor="middle" fill="${COLORS.text}" transform="rotate(-90 22 ${((PLOT.top + PLOT.bottom) / 2).toFixed(1)})"`,
    ),
  );

  if (baseline.length > 0 && buckets.length > 0) {
    const n = Math.min(baseline.length, buckets.length);
    const upper: string[] = [];
    const lower: string[] = [];
    for (let i = 0; i < n; i++) {
      const b = baseline[i]!;
      upper.push(`${mid(i).toFixed(1)},${y(b.expected + b.spread).toFixed(1)}`);
      lower.unshift(`${mid(i).toFixed(1)},${y(Math.max(0, b.expected - b.spread)).toFixed(1)}`);
    }
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${COLORS.band}" fill-opacity="0.35" stroke="none"/>`);
    const expected = baseline.slice(0, n).map((b, i) => `${mid(i).toFixed(1)},${y(b.expected).toFixed(1)}`);
    parts.push(`<polyline points="${expected.join(' ')}" fill="none" stroke="${COLORS.band}" stroke-width="2" stroke-dasharray="6 4"/>`);
  }
  if (buckets.length > 0) {
    const total = buckets.map((b, i) => `${mid(i).toFixed(1)},${y(b.total).toFixed(1)}`);
    parts.push(`<polyline points="${total.join(' ')}" fill="none" stroke="${COLORS.total}" stroke-width="2"/>`);
    const negative = buckets.map((b, i) => `${mid(i).toFixed(1)},${y(b.negative).toFixed(1)}`);
    const area = [`${mid(0).toFixed(1)},${y(0).toFixed(1)}`, ...negative, `${mid(buckets.length - 1).toFixed(1)},${y(0).toFixed(1)}`];
    parts.push(`<polygon points="${area.join(' ')}" fill="${COLORS.negative}" fill-opacity="0.18" stroke="none"/>`);
    parts.push(`<polyline points="${negative.join(' ')}" fill="none" stroke="${COLORS.negative}" stroke-width="3"/>`);
  }
  const spikeX = x(chart.spikeAt);
  parts.push(
    `<line x1="${spikeX.toFixed(1)}" x2="${spikeX.toFixed(1)}" y1="${PLOT.top - 6}" y2="${PLOT.bottom}" stroke="${COLORS.spike}" stroke-width="2" stroke-dasharray="4 3"/>`,
  );
  const anchor = spikeX > (PLOT.left + PLOT.right) / 2 ? 'end' : 'start';
  parts.push(
    text(
      spikeX + (anchor === 'end' ? -6 : 6),
      PLOT.top + 12,
      t(locale, 'chart.spike'),
      `font-size="13" text-anchor="${anchor}" fill="${COLORS.spike}"`,
    ),
  );

  const legend: Array<[string, string]> = [
    [COLORS.negative, t(locale, 'chart.negative')],
    [COLORS.total, t(locale, 'chart.total')],
    [COLORS.band, t(locale, 'chart.baseline')],
  ];
  let legendX = PLOT.left;
  for (const [color, label] of legend) {
    parts.push(`<rect x="${legendX}" y="56" width="18" height="10" fill="${color}"/>`);
    parts.push(text(legendX + 24, 66, label, `font-size="14" fill="${COLORS.text}"`));
    legendX += 44 + label.length * 8;
  }
  parts.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#aab0b8"/>`,
  );

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT_FAMILY}">${parts.join('')}</svg>`;
}
