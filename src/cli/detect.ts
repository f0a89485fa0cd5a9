/**
 * `vigie detect --input file.csv [--bucket 5m] [--sensitivity normal] [--resolve-after 12h] [--explain] > scores.csv`
 *
 * Reads a NAB-format CSV (`timestamp,value`) as the negative-count series of one plan and writes
 * `timestamp,anomaly_score` for every row, computed causally by the bot's own detector and incident lifecycle:
 * a score ≥ 0.5 means the bot would have posted an alert at that row (an incident opened, or an update). A NAB
 * series has no separate count of all mentions, so the value serves as both: the share-of-negatives test is
 * inactive. Timestamps without a zone are read as UTC (the detector's daily and weekly profiles are in UTC).
 * `--explain` adds the event and the detector's numbers as extra columns.
 */
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseDuration } from '../core/duration.js';
import { SensitivitySchema, type Sensitivity } from '../core/plan.js';
import { SeriesScorer, type SeriesScore } from '../core/detect/series.js';
import { DEFAULT_INCIDENT_SETTINGS } from '../core/incident/lifecycle.js';
import type { CliIO, Subcommand } from './io.js';

const USAGE = 'usage: vigie detect --input file.csv [--bucket 5m] [--sensitivity low|normal|high] [--resolve-after 12h] [--explain] > scores.csv';

interface Options {
  input: string | undefined;
  bucketMs: number;
  sensitivity: Sensitivity;
  resolveAfterMs: number;
  explain: boolean;
}

type Parsed = { ok: true; options: Options } | { ok: false; message: string };

function parseArguments(args: readonly string[]): Parsed {
  const options: Options = {
    input: undefined,
    bucketMs: 5 * 60_000,
    sensitivity: 'normal',
    resolveAfterMs: DEFAULT_INCIDENT_SETTINGS.resolveAfterMs,
    explain: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--explain') {
      options.explain = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return { ok: false, message: `${flag} needs a value` };
    switch (flag) {
      case '--input':
        options.input = value;
        break;
      case '--bucket':
      case '--resolve-after': {
        const ms = parseDuration(value);
        if (ms === undefined) return { ok: false, message: `${flag}: "${value}" is not a duration (e.g. 5m, 1h, 12h)` };
        if (flag === '--bucket') options.bucketMs = ms;
        else options.resolveAfterMs = ms;
        break;
      }
      case '--sensitivity': {
        const parsed = SensitivitySchema.safeParse(value);
        if (!parsed.success) return { ok: false, message: `--sensitivity: "${value}" is not one of low, normal, high` };
        options.sensitivity = parsed.data;
        break;
      }
      default:
        return { ok: false, message: `unexpected argument "${arg}"` };
    }
  }
  return { ok: true, options };
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC), ISO 8601, or epoch seconds / milliseconds. */
function parseTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d{9,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  if (/^\d{12,13}$/.test(trimmed)) return Number(trimmed);
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

async function readAll(stream: CliIO['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function write(stream: CliIO['stdout'], chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

const FLUSH_CHARS = 1 << 16;

function explainColumns(result: SeriesScore): string {
  const d = result.decision;
  if (!d) return `,${result.skipped ?? ''},,,,`;
  const e = d.explanation;
  return `,${result.event?.type ?? ''},${e.observed},${e.expected.toFixed(2)},${e.windowMs / 60_000},${e.tailProbability.toExponential(3)}`;
}

export const detect: Subcommand = async (args, io) => {
  const parsed = parseArguments(args);
  if (!parsed.ok) {
    io.stderr.write(`vigie detect: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  let text: string;
  try {
    text = options.input === undefined || options.input === '-' ? await readAll(io.stdin) : await readFile(options.input, 'utf8');
  } catch (error) {
    io.stderr.write(`vigie detect: cannot read ${options.input ?? 'stdin'}: ${(error as Error).message}\n`);
    return 1;
  }

  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const tsColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (tsColumn < 0 || valueColumn < 0) {
    io.stderr.write(`vigie detect: line 1: expected a header with "timestamp" and "value" columns, got "${lines[0] ?? ''}"\n`);
    return 1;
  }

  // Validate every row before writing anything, so a bad file never leaves half a score file behind.
  const rows: Array<{ raw: string; at: number; value: number }> = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const raw = (cells[tsColumn] ?? '').trim();
    const at = parseTimestamp(raw);
    const value = Number(cells[valueColumn]);
    if (at === undefined) {
      io.stderr.write(`vigie detect: line ${n + 1}: "${raw}" is not a timestamp\n`);
      return 1;
    }
    if (!Number.isFinite(value) || value < 0 || (cells[valueColumn] ?? '').trim() === '') {
      io.stderr.write(`vigie detect: line ${n + 1}: "${cells[valueColumn] ?? ''}" is not a count (a number ≥ 0)\n`);
      return 1;
    }
    rows.push({ raw, at, value });
  }

  const scorer = new SeriesScorer({ bucketMs: options.bucketMs, sensitivity: options.sensitivity, resolveAfterMs: options.resolveAfterMs });
  let out = options.explain ? 'timestamp,anomaly_score,event,observed,expected,window_min,tail_probability\n' : 'timestamp,anomaly_score\n';
  let skipped = 0;
  for (const row of rows) {
    const result = scorer.push({ at: row.at, negative: row.value });
    if (result.skipped) skipped += 1;
    out += `${row.raw},${result.score.toFixed(4)}${options.explain ? explainColumns(result) : ''}\n`;
    if (out.length >= FLUSH_CHARS) {
      await write(io.stdout, out);
      out = '';
    }
  }
  await write(io.stdout, out);
  if (skipped > 0) {
    io.stderr.write(`vigie detect: ${skipped} row(s) fell in a bucket at or before the previous row's (out of order or duplicate): scored 0\n`);
  }
  return 0;
};
