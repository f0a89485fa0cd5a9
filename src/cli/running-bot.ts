import { hostname } from 'node:os';
import { type ControlEndpoint, readControlFile } from '../app/control-file.js';
import { t } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { alive, DataDirLockedError, readLockHolder } from '../store/data-dir-lock.js';
import type { StoreError } from '../store/errors.js';
import { EXIT } from './command.js';
import type { CliIO } from './io.js';

/** How long a command waits for a data folder held by a short job (another command, an import) or a bot still starting. */
const WAIT_MS = 5_000;
const POLL_MS = 100;

/** The user's words for a store problem: the catalogue's when the error names a message, else its own. */
export function storeErrorText(error: StoreError, locale: Locale): string {
  return error.say ? t(locale, error.say.key, error.say.params) : error.message;
}

/** A failed call to the running bot, said in the user's language. */
export class RunningBotError extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = 'RunningBotError';
  }
}

/**
 * One call to the running bot's control endpoint. A refusal (bad dump, store not empty) is its catalogue message;
 * no answer at all is said as such: the command may or may not have been carried out.
 */
export async function callRunningBot(
  bot: ControlEndpoint,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown },
  locale: Locale,
): Promise<unknown> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`http://127.0.0.1:${bot.port}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${bot.secret}`, ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    body = await response.json();
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new RunningBotError(t(locale, 'lock.control.failed', { pid: bot.pid, reason }));
  }
  if (!response.ok) {
    const failure = body as { message?: string; say?: StoreError['say'] };
    const reason = failure.say ? t(locale, failure.say.key, failure.say.params) : (failure.message ?? `HTTP ${response.status}`);
    throw new RunningBotError(t(locale, 'lock.control.refused', { pid: bot.pid, reason }));
  }
  return body;
}

/** The endpoint of a bot that holds `dir` and runs on this machine, if there is one. */
async function runningBot(dir: string): Promise<ControlEndpoint | undefined> {
  const [holder, bot] = await Promise.all([readLockHolder(dir), readControlFile(dir)]);
  const live = typeof holder === 'object' && holder.host === hostname() && bot?.pid === holder.pid && alive(holder.pid);
  return live ? bot : undefined;
}

/**
 * Run `here` on the data folder. When another process holds it (DataDirLockedError), hand the job to the running
 * bot through its control endpoint (`there`); a holder without one (another command, an import) is waited for a few
 * seconds, then the command is refused with a message and exit code 1. Never two writers on one folder.
 */
export async function hereOrThroughBot(
  io: CliIO,
  here: () => Promise<number>,
  there: (bot: ControlEndpoint) => Promise<number>,
  dataDir?: string,
): Promise<number> {
  const locale = io.locale ?? 'en';
  const viaBot = async (bot: ControlEndpoint): Promise<number> => {
    try {
      return await there(bot);
    } catch (failure) {
      if (!(failure instanceof RunningBotError)) throw failure;
      io.stderr.write(`vigie: ${failure.text}\n`);
      return EXIT.failed;
    }
  };
  // A bot already running: straight to it, without loading what `here` needs.
  const running = dataDir === undefined ? undefined : await runningBot(dataDir);
  if (running !== undefined) return viaBot(running);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      return await here();
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      const bot = await readControlFile(error.dir);
      if (bot !== undefined && bot.pid === error.holder?.pid) return viaBot(bot);
      const holder = error.holder;
      if (holder === undefined || holder.host !== hostname() || Date.now() > deadline) {
        io.stderr.write(
          `vigie: ${holder && holder.host === hostname() ? t(locale, 'lock.busy', { dir: error.dir, owner: holder.owner, pid: holder.pid, since: new Date(holder.startedAt).toISOString() }) : storeErrorText(error, locale)}\n`,
        );
        return EXIT.failed;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
