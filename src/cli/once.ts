import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import { createVigie, type Vigie } from '../app/vigie.js';
import { ControlReplySchema } from '../app/control-server.js';
import type { Reply } from '../core/commands/types.js';
import { replyText } from '../platforms/reply-text.js';
import { DataDirLockedError } from '../store/data-dir-lock.js';
import type { CliIO } from './io.js';
import { reportStartupError } from './start.js';
import { EXIT } from './command.js';
import { callRunningBot, hereOrThroughBot } from './running-bot.js';

/**
 * `vigie <chat command…>`: one command against the store in use, e.g. `npx vigie list`. While a bot holds the
 * embedded store's data folder, the command is carried out by that bot (the folder's one writer).
 */
export async function once(argv: string[], io: CliIO): Promise<number> {
  // The shell has already split the words: only a plan name with spaces needs its quotes back.
  const text = argv.map((arg, i) => (i === 1 && /\s/.test(arg) ? `"${arg}"` : arg)).join(' ');
  const user = userInfo().username;
  const here = async (): Promise<number> => {
    let vigie: Vigie;
    try {
      vigie = await createVigie({ config: loadConfig(process.env), stdout: io.stdout, logStream: io.stderr });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      return reportStartupError(error, io);
    }
    const ctx = vigie.localContext(user);
    const reply = await vigie.commands.run(text, ctx);
    io.stdout.write(`${replyText(reply, ctx.locale)}\n`);
    await vigie.stop();
    return reply.ok ? EXIT.ok : EXIT.failed;
  };
  return hereOrThroughBot(io, here, async (bot) => {
    const locale = io.locale ?? 'en';
    const answer = ControlReplySchema.parse(await callRunningBot(bot, { method: 'POST', path: '/command', body: { text, user, locale } }, locale));
    const reply = answer.reply as Reply;
    io.stdout.write(`${replyText(reply, locale)}\n`);
    return reply.ok ? EXIT.ok : EXIT.failed;
  });
}
