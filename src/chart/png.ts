import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import type { ChartView } from '../core/alert-view.js';
import { CHART_FONT_FAMILY, renderChartSvg } from './svg.js';

const require = createRequire(import.meta.url);

// DejaVu ships with the app (npm `dejavu-fonts-ttf`): the chart renders the same on a bare server with no fonts
// installed, and covers Latin, Greek, Cyrillic and Arabic plan names.
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];

/** The volume chart as a PNG, rendered off the main thread by resvg: no browser, no system fonts, no network. */
export async function renderChartPng(chart: ChartView): Promise<Buffer> {
  const image = await renderAsync(renderChartSvg(chart), {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    fitTo: { mode: 'width', value: 1000 },
    background: '#ffffff',
  });
  return image.asPng();
}
