import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { CommandContext, CommandService } from '../core/commands/types.js';
import { LocaleSchema } from '../i18n/locale.js';
import type { Logger } from '../log.js';
import { checkStoreData, dumpSummary } from '../store/dump.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { removeControlFile, writeControlFile } from './control-file.js';

/** A chat command typed on the command line (`npx vigie watch …`) while the bot runs. */
export const ControlCommandSchema = z.object({
  text: z.string().min(1).max(10_000),
  user: z.string().min(1).max(200),
  locale: LocaleSchema,
});
export type ControlCommand = z.infer<typeof ControlCommandSchema>;

const COMMAND_BYTES = 64 * 1024;
/** A dump holds a store's whole history: generous, but bounded. */
const IMPORT_BYTES = 512 * 1024 * 1024;

export interface ControlDeps {
  dataDir: string;
  store: Store;
  commands: CommandService;
  localContext(user: string): CommandContext;
  logger: Logger;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BadRequest(413, 'too_large', `body over ${limit} bytes`);
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (error) {
    throw new BadRequest(400, 'bad_json', (error as Error).message);
  }
}

function authorized(req: IncomingMessage, secret: Buffer): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  return given.length === secret.length && timingSafeEqual(given, secret);
}

/**
 * The running bot's door for its own command line: a chat command, `import` or `export` typed while the bot holds
 * the data folder is carried out by the bot, the one writer, instead of by a second process that would overwrite
 * its writes. Loopback only; each request carries this run's secret, which is in a 0600 file of the data folder.
 */
export async function startControlServer(deps: ControlDeps): Promise<{ port: number; close(): Promise<void> }> {
  const { store, logger } = deps;
  const secretText = randomBytes(32).toString('hex');
  const secret = Buffer.from(secretText);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req, secret)) throw new BadRequest(401, 'unauthorized', 'missing or wrong control secret');
    const where = `${req.method} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
    if (where === 'POST /command') {
      const parsed = ControlCommandSchema.safeParse(await readJson(req, COMMAND_BYTES));
      if (!parsed.success) throw new BadRequest(400, 'bad_request', parsed.error.issues[0]?.message ?? 'invalid command');
      const ctx = { ...deps.localContext(parsed.data.user), locale: parsed.data.locale };
      send(res, 200, { reply: await deps.commands.run(parsed.data.text, ctx) });
      return;
    }
    if (where === 'GET /export') return send(res, 200, await store.exportAll());
    if (where === 'POST /import') {
      const dump = checkStoreData(await readJson(req, IMPORT_BYTES), 'The dump');
      await store.importAll(dump);
      logger.info('dump imported through the control endpoint', { summary: dumpSummary(dump) });
      send(res, 200, { summary: dumpSummary(dump) });
      return;
    }
    throw new BadRequest(404, 'not_found', `no ${where}`);
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) {
        logger.warn('control request refused', { code: error.code, status: error.status, method: req.method, url: req.url });
        return send(res, error.status, { code: error.code, message: error.message });
      }
      if (error instanceof StoreError) return send(res, 409, { code: error.code, message: error.message, say: error.say });
      logger.error('control request failed', { method: req.method, url: req.url, error });
      send(res, 500, { code: 'internal', message: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await writeControlFile(deps.dataDir, { pid: process.pid, port, secret: secretText });
  logger.info('control endpoint listening for command-line commands', { port });
  return {
    port,
    async close() {
      await removeControlFile(deps.dataDir, secretText);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
