import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { ManifestUtil } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, MANIFEST_DIR } from '../../../scripts/package-teams.js';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));

/** The JSON schema of the manifest's version, as shipped inside @microsoft/app-manifest: no download. */
function bundledSchema(version: string): any {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return JSON.parse(readFileSync(path.join(packageDir, `build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`), 'utf8'));
}

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what resvg writes). */
function decodePng(bytes: Buffer): { width: number; height: number; colorType: number; pixels: Buffer } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    chunks.push({ type: bytes.subarray(offset + 4, offset + 8).toString('ascii'), data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  const header = chunks.find((c) => c.type === 'IHDR')?.data;
  expect(header).toBeDefined();
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  expect(header![8]).toBe(8);
  const colorType = header![9] ?? -1;
  expect(header![12]).toBe(0);
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data);
  if (colorType !== 6) return { width, height, colorType, pixels: Buffer.alloc(0) };
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      const paeth = (): number => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, pixels };
}

describe('Teams app package', () => {
  it('manifest.json is valid against the bundled schema of its (current) version', async () => {
    expect(manifest.manifestVersion).toBe('1.30');
    const errors = await ManifestUtil.validateManifestAgainstSchema(manifest, bundledSchema(manifest.manifestVersion));
    expect(errors).toEqual([]);
  });

  it('links to this repository: its LICENSE (MIT, as package.json says) and the README privacy section', () => {
    const root = path.resolve(MANIFEST_DIR, '../..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const repository = String(pkg.repository.url)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.developer.websiteUrl).toBe(repository);
    expect(manifest.developer.termsOfUseUrl).toBe(`${repository}/blob/main/LICENSE`);
    expect(manifest.developer.privacyUrl).toBe(`${repository}#privacy`);
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.files).toContain('LICENSE');
    // GitHub anchors a heading by its lower-cased text: "## Privacy" is #privacy.
    expect(readFileSync(path.join(root, 'README.md'), 'utf8').split('\n')).toContain('## Privacy');
  });

  it('the schema check is real: a bot without its id is refused', async () => {
    const broken = structuredClone(manifest);
    delete broken.bots[0].botId;
    const errors = await ManifestUtil.validateManifestAgainstSchema(broken, bundledSchema(manifest.manifestVersion));
    expect(errors.join('\n')).toContain('botId');
  });

  it('advertises bot commands in every scope, at most 12 per list, each a real command', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes).toEqual(['team', 'personal', 'groupChat']);
    const known = [
      'help',
      'watch',
      'add',
      'exclude',
      'competitor',
      'news',
      'source',
      'unsource',
      'set',
      'list',
      'status',
      'show',
      'pause',
      'resume',
      'remove',
      'test',
      'plan',
    ];
    for (const list of bot.commandLists) {
      // A list without commands advertises nothing in its scopes (and would leave the check below empty).
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(12);
      for (const command of list.commands) expect(known).toContain(command.title);
    }
    expect(bot.commandLists.flatMap((l: any) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('color.png is 192×192 and outline.png 32×32, white on transparent', () => {
    const color = decodePng(readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, alpha] = [outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2], outline.pixels[i + 3]];
      if (alpha === 0) continue;
      opaque += 1;
      // Premultiplied edges aside, every visible pixel is white.
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32);
  });

  it('the package zips the three files at its root, with the Azure Bot id filled in', async () => {
    const botId = '11111111-2222-3333-4444-555555555555';
    const files = unzipSync(await buildTeamsPackage({ botId }));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(packaged.bots[0].botId).toBe(botId);
    expect(packaged.id).toBe(manifest.id);
    expect(Buffer.from(files['color.png']!).equals(readFileSync(path.join(MANIFEST_DIR, 'color.png')))).toBe(true);
    await expect(buildTeamsPackage({ botId: 'not-a-guid' })).rejects.toThrow('GUID');
  });
});
