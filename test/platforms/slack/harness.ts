import express from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CommandService } from '../../../src/core/commands/types.js';
import type { SourceKind } from '../../../src/core/mention.js';
import type { Locale } from '../../../src/i18n/locale.js';
import { createLogger } from '../../../src/log.js';
import { type SlackAdapter, type SlackSettings, startSlack } from '../../../src/platforms/slack/index.js';
import { createLowdbStore } from '../../../src/store/lowdb.js';
import type { Store } from '../../../src/store/store.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { SECRET } from './wire.js';

/** Log lines written by the adapter, parsed, for assertions on what was logged. */
export class LogSink extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

export async function tempStore(): Promise<{ store: Store; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-slack-'));
  const store = await createLowdbStore(dir);
  return { store, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Test settings: fast retries and spacing so that faults play out in milliseconds, not minutes. */
export function testSettings(fake: FakeSlack, overrides: Partial<SlackSettings> = {}): SlackSettings {
  return {
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    retries: 2,
    retryMinMs: 20,
    retryMaxMs: 100,
    channelIntervalMs: 20,
    maxRateLimitWaitMs: 5_000,
    ...overrides,
  };
}

export interface Harness {
  fake: FakeSlack;
  /** `http://127.0.0.1:<port>`: the shared app (install routes, health checks…). */
  base: string;
  /** `http://127.0.0.1:<port>/slack/events` (HTTP mode). */
  events: string;
  adapter: SlackAdapter;
  logs: LogSink;
  close(): Promise<void>;
}

/**
 * The Slack adapter on a shared express app listening on an ephemeral port (as in production, where Teams shares
 * it), talking to a fake Slack. Socket Mode when `settings.appToken` is set.
 */
export async function startHarness(options: {
  commands: CommandService;
  store: Store;
  fake?: FakeSlack;
  settings?: Partial<SlackSettings>;
  locale?: (team: string) => Locale;
  kinds?: () => readonly SourceKind[];
  /** Routes of another platform on the same app and port (Teams' /api/messages in production). */
  share?: (app: express.Application) => void;
  now?: () => number;
}): Promise<Harness> {
  const fake = options.fake ?? (await startFakeSlack());
  const logs = new LogSink();
  const app = express();
  options.share?.(app);
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const adapter = await startSlack({
    settings: testSettings(fake, options.settings),
    express: app,
    commands: options.commands,
    store: options.store,
    logger: createLogger({ level: 'debug', stream: logs }),
    locale: options.locale ?? (() => 'en'),
    ...(options.kinds !== undefined ? { kinds: options.kinds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  const port = (server.address() as AddressInfo).port;
  return {
    fake,
    base: `http://127.0.0.1:${port}`,
    events: `http://127.0.0.1:${port}/slack/events`,
    adapter,
    logs,
    close: async () => {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.fake === undefined) await fake.close();
    },
  };
}
