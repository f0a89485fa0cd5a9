import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { type MessageKey, type Params, t } from '../i18n/catalog.js';
import { EXIT } from './command.js';
import type { CliIO } from './io.js';

/**
 * The longest input line the JSON-lines tools read, in characters (UTF-16 units). A post is a few hundred
 * characters and Vigie keeps at most 4 000 of a feed item; a longer line is skipped, unread, with its number:
 * one 7 MB line used to take 30 s and 500 MB to categorise.
 */
export const MAX_LINE_CHARS = 100_000;

/** The problem of a line too long to read, or undefined. */
export function lineTooLong(line: string): { key: MessageKey; params: Params } | undefined {
  return line.length > MAX_LINE_CHARS ? { key: 'cli.line.tooLong', params: { length: line.length, max: MAX_LINE_CHARS } } : undefined;
}

/** Output is written in chunks of about this size, waiting for `drain`: constant memory on any input size. */
const FLUSH_BYTES = 1 << 16;

/** One input line as the JSON-lines tools take it: an object with a `text`, and maybe a `lang`. */
export interface TextRecord extends Record<string, unknown> {
  text: string;
  lang?: string;
}

export type LineResult = { ok: true; output: string } | { ok: false; problem: { key: MessageKey; params?: Params } };

export interface LinesReport {
  /** Non-blank lines read. */
  lines: number;
  skipped: number;
}

async function write(stream: CliIO['stdout'], chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function recordOf(line: string): TextRecord | { key: MessageKey; params?: Params } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { key: 'cli.line.notJson', params: { reason: (error as Error).message } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { key: 'cli.line.notObject' };
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return { key: 'cli.line.noText' };
  if (record.lang !== undefined && record.lang !== null && typeof record.lang !== 'string') return { key: 'cli.line.badLang' };
  return record as TextRecord;
}

/**
 * Stream JSON lines from stdin to stdout through `transform`, one line at a time. A line that is not an object with a
 * string `text`, or that `transform` refuses, is reported on stderr with its 1-based number and skipped; blank lines
 * are ignored.
 */
export async function mapJsonLines(io: CliIO, name: string, transform: (record: TextRecord) => LineResult): Promise<LinesReport> {
  const locale = io.locale ?? 'en';
  const input = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let pending = '';
  let lineNumber = 0;
  let lines = 0;
  let skipped = 0;
  for await (const line of input) {
    lineNumber++;
    if (line.trim() === '') continue;
    lines++;
    const record = lineTooLong(line) ?? recordOf(line);
    const result: LineResult =
      'text' in record && typeof record.text === 'string' ? transform(record as TextRecord) : { ok: false, problem: record as { key: MessageKey } };
    if (!result.ok) {
      skipped++;
      io.stderr.write(
        `vigie ${name}: ${t(locale, 'cli.line.bad', { line: lineNumber, reason: t(locale, result.problem.key, result.problem.params) })}\n`,
      );
      continue;
    }
    pending += `${result.output}\n`;
    if (pending.length >= FLUSH_BYTES) {
      await write(io.stdout, pending);
      pending = '';
    }
  }
  if (pending !== '') await write(io.stdout, pending);
  if (skipped > 0) io.stderr.write(`vigie ${name}: ${t(locale, 'cli.line.skipped', { skipped, total: lines })}\n`);
  return { lines, skipped };
}

/** 0 when every line was used, 3 when some were skipped, 1 when lines came and none could be used. */
export function linesExit(report: LinesReport): number {
  if (report.skipped === 0) return EXIT.ok;
  return report.skipped === report.lines ? EXIT.failed : EXIT.partial;
}
