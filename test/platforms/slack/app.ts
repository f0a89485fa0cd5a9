import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { type Vigie, createVigie } from '../../../src/app/vigie.js';
import { loadConfig } from '../../../src/config.js';

/**
 * The real application (command service, store, outbox) on a temporary data folder, with a fixed clock so that two
 * instances fed the same commands answer the same words. Loopback URLs are allowed for the test feed server.
 */
export async function bootVigie(now: () => number, dir?: string): Promise<{ vigie: Vigie; dir: string; cleanup(): Promise<void> }> {
  const folder = dir ?? (await mkdtemp(path.join(tmpdir(), 'vigie-slack-app-')));
  const config = loadConfig({ VIGIE_DATA_DIR: folder, VIGIE_ALLOW_PRIVATE_URLS: 'true', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const vigie = await createVigie({ config, stdout: new PassThrough(), logStream: new PassThrough(), now });
  return {
    vigie,
    dir: folder,
    cleanup: async () => {
      await vigie.stop();
      if (dir === undefined) await rm(folder, { recursive: true, force: true });
    },
  };
}
