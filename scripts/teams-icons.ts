import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/**
 * Renders the Teams app icons from their SVG sources (`npm run icons:teams`): color.png 192×192 and
 * outline.png 32×32 (white on transparent), as the Teams app package requires. The PNGs are committed.
 */
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../manifests/teams');

const ICONS = [
  { svg: 'icon-color.svg', png: 'color.png', size: 192 },
  { svg: 'icon-outline.svg', png: 'outline.png', size: 32 },
] as const;

for (const icon of ICONS) {
  const svg = await readFile(path.join(DIR, icon.svg), 'utf8');
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: icon.size }, font: { loadSystemFonts: false } }).render().asPng();
  await writeFile(path.join(DIR, icon.png), png);
  process.stdout.write(`${icon.png}: ${icon.size}×${icon.size}, ${png.length} bytes\n`);
}
