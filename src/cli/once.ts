import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import type { Vigie } from '../app/vigie.js';
import { settingsFrom } from '../app/settings.js';
import { ControlReplySchema } from '../app/control-file.js';
import type { Reply } from '../core/commands/types.js';
import { localReply } from '../platforms/local/reply.js';
import { DataDirLockedError } from '../store/data-dir-lock.js';
import { storeKind } from '../store/select.js';
import type { CliIO } from './io.js';
import { EXIT } from './command.js';
import { callRunningBot, hereOrThroughBot } from './running-bot.js';

/**
 * `vigie <chat command…>`: one command against the store in use, e.g. `npx vigie list`. While a bot holds the
 * embedded store's data folder, the command is carried out by that bot (the folder's one writer).
 */
export async function once(argv: string[], io: CliIO): Promise<number> {
  // The app is loaded only when the command runs here: through a running bot, this process needs none of it.
  // The shell has already split the words: only a plan name with spaces needs its quotes back.
  const text = argv.map((arg, i) => (i === 1 && /\s/.test(arg) ? `"${arg}"` : arg)).join(' ');
  const user = userInfo().username;
  const here = async (): Promise<number> => {
    let vigie: Vigie;
    try {
      const { createVigie } = await import('../app/vigie.js');
      vigie = await createVigie({ config: loadConfig(process.env), stdout: io.stdout, logStream: io.stderr });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      return (await import('./start.js')).reportStartupError(error, io);
    }
    vigie.logger.info('settings read', { envFile: io.envFile?.read ? io.envFile.file : null });
    const ctx = vigie.localContext(user);
    const reply = await vigie.commands.run(text, ctx);
    io.stdout.write(`${await localReply(reply, ctx.locale, vigie.settings.reports.exportDir)}\n`);
    await vigie.stop();
    return reply.ok ? EXIT.ok : EXIT.failed;
  };
  const settings = settingsFrom(loadConfig(process.env));
  const store = settings.store;
  const dataDir = storeKind(store) === 'lowdb' ? store.dataDir : undefined;
  return hereOrThroughBot(
    io,
    here,
    async (bot) => {
      const locale = io.locale ?? 'en';
      const answer = ControlReplySchema.parse(await callRunningBot(bot, { method: 'POST', path: '/command', body: { text, user, locale } }, locale));
      const reply = answer.reply as Reply;
      // An export's file comes back with the reply and is written here, where the bot would have written it.
      io.stdout.write(`${await localReply(reply, locale, settings.reports.exportDir)}\n`);
      return reply.ok ? EXIT.ok : EXIT.failed;
    },
    dataDir,
  );
}
