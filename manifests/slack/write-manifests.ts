import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slackManifest } from './manifest.js';

/**
 * Writes manifest.http.json and manifest.socket.json next to this file (`npm run manifest:slack`).
 * With `--url https://your.host`, prints the HTTP manifest for that address instead, ready to paste.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));

export function manifestJson(mode: 'http' | 'socket', baseUrl?: string): string {
  return `${JSON.stringify(slackManifest(mode, baseUrl), null, 2)}\n`;
}

const urlFlag = process.argv.indexOf('--url');
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (urlFlag > 0) {
    const url = process.argv[urlFlag + 1];
    if (url === undefined || !/^https:\/\//.test(url)) {
      process.stderr.write('usage: npm run manifest:slack -- --url https://your.public.host\n');
      process.exitCode = 2;
    } else {
      process.stdout.write(manifestJson('http', url));
    }
  } else {
    for (const mode of ['http', 'socket'] as const) writeFileSync(path.join(dir, `manifest.${mode}.json`), manifestJson(mode));
  }
}
