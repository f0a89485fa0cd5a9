import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/chart/png.js';
import { renderChartSvg } from '../../src/chart/svg.js';
import { chartView } from './fixture.js';

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('volume chart', () => {
  it('draws both series, the baseline band and the spike marker, with localized labels', () => {
    const en = renderChartSvg(chartView('en'));
    expect(en).toContain('Acme Air: the last 48 hours');
    expect(en).toContain('Negative mentions');
    expect(en).toContain('Incident start');
    expect(en).toContain('Time (UTC)');
    expect(en.match(/<polyline /g)).toHaveLength(3);
    const fr = renderChartSvg(chartView('fr', 'Acme Air : les dernières 48 heures'));
    expect(fr).toContain('Mentions négatives');
    expect(fr).toContain('Début de l’incident');
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

  it('still draws axes for a plan with no data yet', async () => {
    const empty = { ...chartView('en'), buckets: [], baseline: [] };
    expect(renderChartSvg(empty)).toContain('Incident start');
    expect((await renderChartPng(empty)).length).toBeGreaterThan(1000);
  });
});
