import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

export function chromiumPresent(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Headless Chromium with nothing reaching out: no background networking, updates, sync or QUIC (a closed network
 * refuses them, many at a time), no GPU. A page drawn here uses only what it is given.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent()) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
