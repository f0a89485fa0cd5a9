import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import { createVigie, type Vigie } from '../app/vigie.js';
import { replyText } from '../platforms/reply-text.js';
import type { CliIO } from './io.js';
import { reportStartupError } from './start.js';
import { EXIT } from './command.js';

/** `vigie <chat command…>`: one command against the local store, e.g. `npx vigie list`. */
export async function once(argv: string[], io: CliIO): Promise<number> {
  let vigie: Vigie;
  try {
    vigie = await createVigie({ config: loadConfig(process.env), stdout: io.stdout, logStream: io.stderr });
  } catch (error) {
    return reportStartupError(error, io);
  }
  // The shell has already split the words: only a plan name with spaces needs its quotes back.
  const text = argv.map((arg, i) => (i === 1 && /\s/.test(arg) ? `"${arg}"` : arg)).join(' ');
  const ctx = vigie.localContext(userInfo().username);
  const reply = await vigie.commands.run(text, ctx);
  io.stdout.write(`${replyText(reply, ctx.locale)}\n`);
  await vigie.stop();
  return reply.ok ? EXIT.ok : EXIT.failed;
}
