import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { CliIO } from './io.js';

/** Output is written in chunks of about this size, waiting for `drain`: constant memory on any input size. */
const FLUSH_BYTES = 1 << 16;

export type LineResult = { ok: true; output: string } | { ok: false; message: string };

async function write(stream: CliIO['stdout'], chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Stream JSON lines from stdin to stdout through `transform`, one line at a time. A line it refuses is reported
 * through `onBadLine` with its 1-based number and skipped; blank lines are ignored.
 */
export async function mapJsonLines(
  io: CliIO,
  transform: (line: string) => LineResult,
  onBadLine: (lineNumber: number, message: string) => void,
): Promise<{ lines: number; skipped: number }> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let pending = '';
  let lineNumber = 0;
  let skipped = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const result = transform(line);
    if (!result.ok) {
      skipped++;
      onBadLine(lineNumber, result.message);
      continue;
    }
    pending += `${result.output}\n`;
    if (pending.length >= FLUSH_BYTES) {
      await write(io.stdout, pending);
      pending = '';
    }
  }
  if (pending !== '') await write(io.stdout, pending);
  return { lines: lineNumber, skipped };
}
