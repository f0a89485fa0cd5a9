import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createVigie } from '../../src/app/vigie.js';
import type { Vigie } from '../../src/app/vigie.js';
import type { CommandContext, Reply } from '../../src/core/commands/types.js';
import { replyText } from '../../src/platforms/reply-text.js';

export interface TestVigie {
  vigie: Vigie;
  /** What local mode printed (alerts and their thread replies). */
  printed(): string;
  /** Run a command and get its reply as text. */
  say(text: string, ctx?: CommandContext): Promise<{ reply: Reply; text: string }>;
  /** `watch`, then remove the default sources, so that a test listens only where it says. */
  watchOnly(plan: string, query: string, ctx?: CommandContext): Promise<void>;
  dataDir: string;
  /** Stop; the data folder is removed unless it was given. */
  close(): Promise<void>;
}

/** A whole Vigie on a temporary data folder, not started (no cron), for driving commands and polls directly. */
export async function testVigie(env: Record<string, string> = {}, options: { now?: () => number; dataDir?: string } = {}): Promise<TestVigie> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'vigie-test-')));
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const vigie = await createVigie({
    config: loadConfig({ VIGIE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', VIGIE_ALLOW_PRIVATE_URLS: 'true', ...env }),
    stdout: out,
    logStream: new PassThrough(),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    vigie,
    printed: () => printed,
    async say(text, ctx = vigie.localContext('tester')) {
      const reply = await vigie.commands.run(text, ctx);
      return { reply, text: replyText(reply, ctx.locale) };
    },
    async watchOnly(plan, query, ctx = vigie.localContext('tester')) {
      await vigie.commands.run(`watch ${plan} ${query}`, ctx);
      const saved = await vigie.store.plans.get(ctx.scope, plan);
      if (saved) await vigie.store.plans.save({ ...saved, sources: [] });
    },
    dataDir,
    async close() {
      await vigie.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment of a whole bot polling local fake feeds every second, as the end-to-end tests run it. */
export function fastPollEnv(feedsUrl: string, dataDir: string): Record<string, string> {
  return {
    VIGIE_DATA_DIR: dataDir,
    VIGIE_POLL_CRON: '* * * * * *',
    VIGIE_POLL_JITTER: '1ms',
    VIGIE_ALLOW_PRIVATE_URLS: 'true',
    VIGIE_GNEWS_URL: feedsUrl,
    VIGIE_GALERTS_URL: `${feedsUrl}/alerts/feeds`,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
}
