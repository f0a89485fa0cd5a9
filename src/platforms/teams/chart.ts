import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import type { ChartView } from '../../core/alert-view.js';
import { CHART_FONT_FAMILY, renderChartSvg } from '../../chart/svg.js';

const require = createRequire(import.meta.url);
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];

/**
 * The volume chart sized for an Adaptive Card: Teams caps a bot message near 40 KB and a data: image counts in
 * full, so the chart is drawn 480 px wide (about 30 KB of base64) instead of the 1000 px of `chart/png.ts`.
 */
export async function renderTeamsChartPng(chart: ChartView, width = 480): Promise<Buffer> {
  const image = await renderAsync(renderChartSvg(chart), {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
  });
  return image.asPng();
}
