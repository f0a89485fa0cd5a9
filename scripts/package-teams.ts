import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

/**
 * `npm run package:teams`: the Teams app package (dist/vigie-teams.zip) to upload in Teams, holding
 * manifests/teams/{manifest.json,color.png,outline.png} at the root of the zip, with the bot id set to the Azure
 * Bot's app id: `--bot-id <id>`, else MICROSOFT_APP_ID from the environment or `.env`.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifests/teams');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

export class PackageError extends Error {
  readonly code = 'teams_package_invalid';
}

/** The zip bytes of the app package; the manifest's bot id replaced when `botId` is given. */
export async function buildTeamsPackage(options: { manifestDir?: string; botId?: string } = {}): Promise<Uint8Array> {
  const dir = options.manifestDir ?? MANIFEST_DIR;
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { bots?: Array<{ botId: string }> };
  if (options.botId !== undefined) {
    if (!GUID.test(options.botId)) throw new PackageError(`The bot id must be the Azure Bot's Microsoft App ID (a GUID), got "${options.botId}".`);
    for (const bot of manifest.bots ?? []) bot.botId = options.botId;
  }
  const files: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const name of PACKAGE_FILES.slice(1)) files[name] = new Uint8Array(await readFile(path.join(dir, name)));
  // A fixed date keeps the package byte-identical for identical inputs.
  return zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
}

function botIdFromArgs(argv: string[]): string | undefined {
  const at = argv.indexOf('--bot-id');
  if (at >= 0) return argv[at + 1];
  // Like the bot itself, read `.env` when present; explicit environment variables win.
  if (existsSync(path.join(ROOT, '.env'))) process.loadEnvFile(path.join(ROOT, '.env'));
  const fromEnv = process.env.MICROSOFT_APP_ID?.trim();
  return fromEnv === '' ? undefined : fromEnv;
}

async function main(): Promise<void> {
  const botId = botIdFromArgs(process.argv.slice(2));
  const zip = await buildTeamsPackage(botId === undefined ? {} : { botId });
  const out = path.join(ROOT, 'dist/vigie-teams.zip');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, zip);
  process.stdout.write(`${path.relative(process.cwd(), out)}: ${zip.length} bytes\n`);
  if (botId === undefined) {
    process.stdout.write(
      `Warning: no MICROSOFT_APP_ID: the package carries the placeholder bot id ${PLACEHOLDER_BOT_ID}; set it (or pass --bot-id) before uploading.\n`,
    );
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
