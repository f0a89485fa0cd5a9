import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/chart/png.js';
import { renderChartSvg } from '../../src/chart/svg.js';
import { BUCKET, chartView, T0 } from './fixture.js';

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The attributes of every element of the SVG that has `data-part="<part>"`. */
function partsOf(svg: string, part: string): Array<Record<string, string>> {
  return [...svg.matchAll(/<\w+ ([^>]*)>/g)]
    .map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])))
    .filter((attributes) => attributes['data-part'] === part);
}

/** The chart's own scales, read back from what it drew: the plot frame (time) and the value axis labels (counts). */
function scalesOf(svg: string, chart: { from: number; to: number }) {
  const frame = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none"/g)].at(-1)!;
  const [left, width] = [Number(frame[1]), Number(frame[3])];
  const labels = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="13" text-anchor="end"[^>]*>(\d+)<\/text>/g)].map((m) => ({
    y: Number(m[1]) - 5,
    value: Number(m[2]),
  }));
  expect(labels.length).toBeGreaterThan(2);
  const [zero, top] = [labels[0]!, labels.at(-1)!];
  return {
    x: (t: number) => left + ((t - chart.from) / (chart.to - chart.from)) * width,
    y: (v: number) => zero.y + ((top.y - zero.y) * v) / top.value,
    left,
    right: left + width,
  };
}

const ys = (points: string): number[] => points.split(' ').map((p) => Number(p.split(',')[1]));

describe('volume chart', () => {
  it('draws negative bars, the total line, the expected band and the incident start, with localized labels', () => {
    const en = renderChartSvg(chartView('en'));
    expect(en).toContain('Negative and total mentions: Acme Air');
    expect(en).toContain('Negative mentions');
    expect(en).toContain('Incident start · 09:00');
    expect(en).toContain('Time (UTC)');
    expect(partsOf(en, 'negative').length).toBeGreaterThan(20);
    expect(partsOf(en, 'total')).toHaveLength(1);
    expect(partsOf(en, 'expected-band')).toHaveLength(1);
    expect(partsOf(en, 'incident-start')).toHaveLength(1);
    const fr = renderChartSvg(chartView('fr', 'Mentions négatives et totales : Acme Air'));
    expect(fr).toContain('Mentions négatives');
    expect(fr).toContain('Début de l’incident · 09:00');
    expect(fr).toContain('Heure (UTC)');
  });

  it('lays Arabic labels out right to left, without the catalogue’s direction controls (the font has no glyph for them)', () => {
    const ar = renderChartSvg(chartView('ar', 'الإشارات السلبية ومجموع الإشارات: Acme Air'));
    expect(ar).toMatch(/<svg [^>]*direction="rtl"/);
    expect(ar).toContain('>الوقت (UTC)<');
    expect(ar).toContain('>الإشارات لكل 5 min<');
    expect(ar).not.toMatch(/[\u200e\u200f\u2066-\u2069]/);
    expect(renderChartSvg(chartView('en'))).not.toContain('direction=');
  });

  it('draws the band at the detector’s expected ± one spread, on the same scale as the bars', () => {
    const chart = chartView('en');
    const svg = renderChartSvg(chart);
    const scale = scalesOf(svg, chart);
    const band = ys(partsOf(svg, 'expected-band')[0]!.points!);
    // The fixture's baseline is 5 ± 2 per bucket: the band's edges are at 7 and 3.
    expect(Math.min(...band)).toBeCloseTo(scale.y(7), 0);
    expect(Math.max(...band)).toBeCloseTo(scale.y(3), 0);
    for (const y of ys(partsOf(svg, 'expected')[0]!.points!)) expect(y).toBeCloseTo(scale.y(5), 0);
    // A bar's top is its count on that scale: the first incident bucket had 20 negative mentions.
    const atStart = partsOf(svg, 'negative').find((bar) => Math.abs(Number(bar.x) - scale.x(T0)) < 3)!;
    expect(Number(atStart.y)).toBeCloseTo(scale.y(20), 0);
  });

  it('marks and shades the incident from the bucket that opened it, with bars wide enough to read', () => {
    const chart = chartView('en');
    const svg = renderChartSvg(chart);
    const scale = scalesOf(svg, chart);
    const marker = partsOf(svg, 'incident-start')[0]!;
    expect(Number(marker.x1)).toBeCloseTo(scale.x(T0), 0);
    const shade = partsOf(svg, 'incident')[0]!;
    expect(Number(shade.x)).toBeCloseTo(scale.x(T0), 0);
    expect(Number(shade.x) + Number(shade.width)).toBeCloseTo(scale.right, 0);
    const bars = partsOf(svg, 'negative');
    for (const bar of bars) expect(Number(bar.width)).toBeGreaterThan(25);
    // Three hours into the incident it takes a third of the width.
    const grown = chartView('en', 'x', 3 * 3_600_000);
    const share = (scalesOf(renderChartSvg(grown), grown).right - scalesOf(renderChartSvg(grown), grown).x(T0)) / 890;
    expect(share).toBeGreaterThan(0.3);
  });

  it('writes times in the plan’s zone, on round local times, and names the zone', () => {
    const svg = renderChartSvg(chartView('en', 'x', 2 * BUCKET, 'Asia/Kolkata'));
    expect(svg).toContain('Time (Asia/Kolkata)');
    expect(svg).toContain('Incident start · 14:30');
    expect(partsOf(svg, 'time-label').length).toBeGreaterThan(3);
    const labels = [...svg.matchAll(/data-part="time-label"[^>]*>([^<]+)</g)].map((m) => m[1]!);
    const clock = labels.filter((l) => /^\d\d:\d\d$/.test(l));
    expect(clock.length).toBeGreaterThan(3);
    for (const label of clock) expect(Number(label.slice(3)) % 15).toBe(0);
    expect(labels).toContain('27 Nov');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(renderChartSvg(chartView('en', 'x', 2 * BUCKET, 'Mars/Olympus'))).toContain('Time (UTC)');
  });

  it('escapes a plan name that looks like markup', () => {
    const svg = renderChartSvg(chartView('en', 'A&B <script>'));
    expect(svg).toContain('A&amp;B &lt;script&gt;');
    expect(svg).not.toContain('<script>');
  });

  it('renders a PNG offline with the bundled font, text included', async () => {
    const png = await renderChartPng(chartView('fr', 'Café – مقهى'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1000, height: 520 });
    // Text drawn or not changes the image: the same chart without any label must differ.
    const withText = await renderChartPng(chartView('en'));
    const blankTitle = await renderChartPng({ ...chartView('en'), title: '' });
    expect(withText.equals(blankTitle)).toBe(false);
  });

  it('still draws axes and the marker for a plan with no data yet', async () => {
    const empty = { ...chartView('en'), buckets: [], baseline: [] };
    expect(renderChartSvg(empty)).toContain('Incident start');
    expect((await renderChartPng(empty)).length).toBeGreaterThan(1000);
  });
});
