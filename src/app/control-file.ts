import { LocaleSchema } from '../i18n/locale.js';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Where the running bot says how to reach its control endpoint: readable by its own user only (0600). */
export const CONTROL_FILE = 'vigie.control';

export const ControlEndpointSchema = z.object({
  pid: z.number().int().positive(),
  /** Loopback port of the endpoint (127.0.0.1). */
  port: z.number().int().positive(),
  /** This run's secret: a caller proves it can read the data folder as the bot's user. */
  secret: z.string().min(32),
});
export type ControlEndpoint = z.infer<typeof ControlEndpointSchema>;

/** The bot's answer to a command: the reply as data (catalogue keys), rendered by the caller in its language. */
export const ControlReplySchema = z.object({
  reply: z.object({
    ok: z.boolean(),
    lines: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.unknown()).optional() })),
    /** The plan's locale a local reply is in (see CommandService.run). */
    locale: LocaleSchema.optional(),
    /** An export's file, written by the caller into the export folder. */
    file: z.object({ name: z.string(), contentType: z.string(), content: z.string() }).optional(),
  }),
});

/** Written to a 0600 temporary file then renamed: a reader never sees half of it, nor a file others can read. */
export async function writeControlFile(dir: string, endpoint: ControlEndpoint): Promise<void> {
  const temporary = path.join(dir, `${CONTROL_FILE}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(endpoint)}\n`);
  } finally {
    await handle.close();
  }
  await rename(temporary, path.join(dir, CONTROL_FILE));
}

export async function readControlFile(dir: string): Promise<ControlEndpoint | undefined> {
  try {
    const parsed = ControlEndpointSchema.safeParse(JSON.parse(await readFile(path.join(dir, CONTROL_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Missing (no bot running), or unreadable: either way there is no endpoint to use.
    return undefined;
  }
}

/** Removed when the bot stops, only while it is still this run's. */
export async function removeControlFile(dir: string, secret: string): Promise<void> {
  const current = await readControlFile(dir);
  if (current?.secret === secret) await unlink(path.join(dir, CONTROL_FILE)).catch(() => undefined);
}
