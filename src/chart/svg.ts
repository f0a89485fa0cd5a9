import type { ChartView } from '../core/alert-view.js';
import { t } from '../i18n/catalog.js';
import { isRightToLeft } from '../i18n/locale.js';
import { durationLabel, knownZone, pointLabel, timeTicks } from './time.js';

/** The font every label is drawn with: shipped with the app (see chart/png.ts), never looked up on the system. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const WIDTH = 1000;
const HEIGHT = 520;
const PLOT = { left: 80, right: WIDTH - 30, top: 96, bottom: HEIGHT - 86 };
const COLORS = {
  negative: '#d93025',
  total: '#5f6b7a',
  band: '#f6c343',
  expected: '#b7860b',
  spike: '#7b1fa2',
  grid: '#e3e6ea',
  text: '#1d1c1d',
};

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

const BIDI_CONTROLS = /[\u200e\u200f\u2066-\u2069]/g;

/** A label, without the catalogue's direction controls: SVG text has its own direction, and the font no glyph for them. */
function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content.replace(BIDI_CONTROLS, ''))}</text>`;
}

const point = (x: number, y: number): string => `${x.toFixed(1)},${y.toFixed(1)}`;

/**
 * The volume chart of an incident thread as SVG: negative mentions as bars, all mentions as a line, the expected
 * negative volume as a band (± one spread) with its centre dashed, the incident shaded from the bucket that opened
 * it, marked and labelled with its time. Times are written in the plan's zone (the chart is an image and cannot
 * follow each reader's), which the axis names. Each part carries a `data-part` attribute, for tests and styling.
 */
export function renderChartSvg(chart: ChartView): string {
  const { locale, buckets, baseline, bucketMs } = chart;
  const zone = knownZone(chart.timeZone);
  const { from, to } = chart;
  const highest = Math.max(1, ...buckets.map((b) => Math.max(b.total, b.negative)), ...baseline.map((b) => b.expected + b.spread));
  const step = niceStep(highest);
  const top = Math.ceil((highest * 1.05) / step) * step;
  const span = Math.max(1, to - from);
  const x = (time: number): number => PLOT.left + ((Math.min(Math.max(time, from), to) - from) / span) * (PLOT.right - PLOT.left);
  const y = (value: number): number => PLOT.bottom - (Math.max(0, value) / top) * (PLOT.bottom - PLOT.top);

  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(text(PLOT.left, 36, chart.title, `font-size="22" font-weight="bold" fill="${COLORS.text}"`));

  // The incident, from the bucket that opened it to the end: shaded under everything else.
  const spikeX = x(chart.spikeAt);
  parts.push(
    `<rect data-part="incident" x="${spikeX.toFixed(1)}" y="${PLOT.top}" width="${(PLOT.right - spikeX).toFixed(1)}" height="${PLOT.bottom - PLOT.top}" fill="${COLORS.spike}" fill-opacity="0.06"/>`,
  );

  for (let value = 0; value <= top; value += step) {
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="${COLORS.grid}"/>`);
    parts.push(text(PLOT.left - 10, y(value) + 5, String(value), `font-size="13" text-anchor="end" fill="${COLORS.text}"`));
  }
  for (const tick of timeTicks(from, to, zone, locale)) {
    const tx = x(tick.at);
    parts.push(`<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${PLOT.top}" y2="${PLOT.bottom + 5}" stroke="${COLORS.grid}"/>`);
    const lines = [tick.time, tick.day].filter((l): l is string => l !== undefined);
    lines.forEach((line, i) => {
      const weight = i === 0 && tick.time !== undefined ? '' : ' font-weight="bold"';
      parts.push(
        text(tx, PLOT.bottom + 22 + i * 17, line, `data-part="time-label" font-size="13" text-anchor="middle" fill="${COLORS.text}"${weight}`),
      );
    });
  }
  parts.push(
    text(
      (PLOT.left + PLOT.right) / 2,
      HEIGHT - 12,
      t(locale, 'chart.axisTime', { zone }),
      `font-size="14" text-anchor="middle" fill="${COLORS.text}"`,
    ),
  );
  const midY = ((PLOT.top + PLOT.bottom) / 2).toFixed(1);
  parts.push(
    text(
      22,
      (PLOT.top + PLOT.bottom) / 2,
      t(locale, 'chart.axisCount', { bucket: durationLabel(bucketMs) }),
      `font-size="14" text-anchor="middle" fill="${COLORS.text}" transform="rotate(-90 22 ${midY})"`,
    ),
  );

  const n = Math.min(baseline.length, buckets.length);
  if (n > 0) {
    // Steps, not a curve: each point's expectation covers its whole bucket, like the bar drawn over it.
    const upper: string[] = [];
    const lower: string[] = [];
    const centre: string[] = [];
    for (let i = 0; i < n; i++) {
      const b = baseline[i]!;
      const x0 = x(buckets[i]!.start);
      const x1 = x(buckets[i]!.start + bucketMs);
      upper.push(point(x0, y(b.expected + b.spread)), point(x1, y(b.expected + b.spread)));
      lower.unshift(point(x1, y(b.expected - b.spread)), point(x0, y(b.expected - b.spread)));
      centre.push(point(x0, y(b.expected)), point(x1, y(b.expected)));
    }
    parts.push(
      `<polygon data-part="expected-band" points="${[...upper, ...lower].join(' ')}" fill="${COLORS.band}" fill-opacity="0.4" stroke="none"/>`,
    );
    parts.push(
      `<polyline data-part="expected" points="${centre.join(' ')}" fill="none" stroke="${COLORS.expected}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  }
  if (buckets.length > 0) {
    const barWidth = x(from + bucketMs) - x(from);
    const gap = Math.min(2, barWidth * 0.15);
    for (const b of buckets) {
      if (b.negative <= 0) continue;
      const during = b.start + bucketMs > chart.spikeAt;
      parts.push(
        `<rect data-part="negative" x="${(x(b.start) + gap / 2).toFixed(1)}" y="${y(b.negative).toFixed(1)}" width="${Math.max(0.5, barWidth - gap).toFixed(1)}" height="${(PLOT.bottom - y(b.negative)).toFixed(1)}" fill="${COLORS.negative}" fill-opacity="${during ? 0.9 : 0.45}"/>`,
      );
    }
    const total = buckets.map((b) => point(x(b.start + bucketMs / 2), y(b.total)));
    parts.push(`<polyline data-part="total" points="${total.join(' ')}" fill="none" stroke="${COLORS.total}" stroke-width="2"/>`);
  }

  parts.push(
    `<line data-part="incident-start" x1="${spikeX.toFixed(1)}" x2="${spikeX.toFixed(1)}" y1="${PLOT.top - 6}" y2="${PLOT.bottom}" stroke="${COLORS.spike}" stroke-width="2" stroke-dasharray="4 3"/>`,
  );
  const anchor = spikeX > (PLOT.left + PLOT.right) / 2 ? 'end' : 'start';
  parts.push(
    text(
      spikeX + (anchor === 'end' ? -6 : 6),
      PLOT.top + 14,
      `${t(locale, 'chart.spike')} · ${pointLabel(chart.spikeAt, zone, locale, from)}`,
      `data-part="incident-label" font-size="13" font-weight="bold" text-anchor="${anchor}" fill="${COLORS.spike}"`,
    ),
  );

  const legend: Array<[string, string, string]> = [
    ['rect', COLORS.negative, t(locale, 'chart.negative')],
    ['line', COLORS.total, t(locale, 'chart.total')],
    ['rect', COLORS.band, t(locale, 'chart.baseline')],
    ['dash', COLORS.spike, t(locale, 'chart.spike')],
  ];
  let legendX = PLOT.left;
  for (const [shape, color, label] of legend) {
    if (shape === 'rect') parts.push(`<rect x="${legendX}" y="56" width="18" height="10" fill="${color}"/>`);
    else {
      const dash = shape === 'dash' ? ' stroke-dasharray="4 3"' : '';
      parts.push(`<line x1="${legendX}" x2="${legendX + 18}" y1="61" y2="61" stroke="${color}" stroke-width="2.5"${dash}/>`);
    }
    parts.push(text(legendX + 24, 66, label, `font-size="14" fill="${COLORS.text}"`));
    legendX += 44 + label.length * 7.6;
  }
  parts.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#aab0b8"/>`,
  );

  // Arabic labels are laid out right to left; resvg keeps each anchor where it is, so the layout does not move.
  const direction = isRightToLeft(locale) ? ' direction="rtl"' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT_FAMILY}"${direction}>${parts.join('')}</svg>`;
}
