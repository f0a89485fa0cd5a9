import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import { ConfigError, loadConfig } from '../config.js';
import { storeLocation } from '../store/select.js';
import { createVigie } from '../app/vigie.js';
import { shutdownBudget } from '../app/shutdown.js';
import type { Vigie } from '../app/vigie.js';
import { localReply } from '../platforms/local/reply.js';
import { StoreError } from '../store/errors.js';
import { PlaybookError } from '../drafting/playbook-files.js';
import { SlackStartError } from '../platforms/slack/errors.js';
import { ListenError } from '../server.js';
import type { CliIO, Subcommand } from './io.js';
import { defineCommand, EXIT } from './command.js';
import { storeErrorText } from './running-bot.js';
import { t } from '../i18n/catalog.js';
import { modeChoices } from '../app/startup-mode.js';

/** Print a start-up problem the user can fix (settings, data file) without a stack trace. */
export function reportStartupError(error: unknown, io: CliIO): number {
  if (error instanceof StoreError) {
    io.stderr.write(`vigie: ${storeErrorText(error, io.locale ?? 'en')}\n`);
    return EXIT.failed;
  }
  if (error instanceof ConfigError || error instanceof PlaybookError || error instanceof SlackStartError || error instanceof ListenError) {
    io.stderr.write(`vigie: ${error.message}\n`);
    return EXIT.failed;
  }
  throw error;
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}

/**
 * `vigie start`: the bot. With no Slack or Teams credentials it runs in local mode: commands are read from stdin
 * and alerts are printed, with thread replies indented under their parent.
 */
export const start: Subcommand = defineCommand({
  name: 'start',
  summary: 'cli.start.summary',
  synopsis: 'start',
  options: {},
  exits: ['ok', 'failed', 'usage'],
  run: async (_values, _positionals, io) => {
    let vigie: Vigie;
    try {
      vigie = await createVigie({ config: loadConfig(process.env), stdout: io.stdout, logStream: io.stderr });
    } catch (error) {
      return reportStartupError(error, io);
    }
    try {
      await vigie.start();
    } catch (error) {
      await vigie.stop();
      return reportStartupError(error, io);
    }
    const ctx = vigie.localContext(localUser());
    const locale = io.locale ?? 'en';
    const platforms = [...vigie.notifiers.keys()].filter((p) => p !== 'local');
    const data = storeLocation(vigie.settings.store);
    const choices = modeChoices(vigie.settings.platforms);
    vigie.logger.info('settings read and mode chosen', {
      envFile: io.envFile?.read ? io.envFile.file : null,
      modes: choices.map((c) => c.mode),
      reasons: choices.map((c) => t('en', c.reason)),
    });
    io.stdout.write(
      [
        ...(io.envFile
          ? [
              io.envFile.read
                ? t(locale, 'startup.envFile.read', { file: io.envFile.file })
                : t(locale, 'startup.envFile.none', { folder: io.envFile.folder }),
            ]
          : []),
        ...choices.map((c) => t(locale, c.reason)),
        platforms.length > 0
          ? t(locale, 'startup.running.platforms', { platforms: platforms.join(' & '), port: vigie.port() ?? vigie.config.PORT, data })
          : t(locale, 'startup.running.local', { data }),
        '',
      ].join('\n'),
    );

    const lines = createInterface({ input: io.stdin, terminal: false });
    let queue = Promise.resolve();
    lines.on('line', (line) => {
      if (line.trim() === '') return;
      queue = queue.then(async () => {
        const reply = await vigie.commands.run(line, ctx);
        io.stdout.write(`${await localReply(reply, ctx.locale, vigie.settings.reports.exportDir)}\n`);
      });
    });

    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    lines.close();
    // Every step of the stop is bounded by VIGIE_SHUTDOWN_TIMEOUT; this is the last resort if one still hangs.
    const timeoutMs = vigie.config.VIGIE_SHUTDOWN_TIMEOUT;
    const deadline = Date.now() + timeoutMs;
    const lastResort = setTimeout(() => {
      io.stderr.write(`vigie: shutdown did not end within ${timeoutMs} ms (VIGIE_SHUTDOWN_TIMEOUT); exiting now\n`);
      process.exit(EXIT.failed);
    }, timeoutMs + 2_000);
    lastResort.unref();
    await shutdownBudget(deadline, vigie.logger)('command in progress', () => queue);
    await vigie.stop(deadline);
    clearTimeout(lastResort);
    // The store is closed: whatever was left behind (a request that ignored its abort) must not keep the process up.
    setTimeout(() => process.exit(EXIT.ok), 1_000).unref();
    return EXIT.ok;
  },
});
