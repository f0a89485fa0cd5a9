/**
 * `vigie detect --input file.csv [--bucket 5m] [--sensitivity normal] [--resolve-after 12h] [--explain] > scores.csv`
 *
 * Reads a NAB-format CSV (`timestamp,value`) as the negative-count series of one plan and writes
 * `timestamp,anomaly_score` for every row, computed causally by the bot's own detector and incident lifecycle:
 * a score ≥ 0.5 means the bot would have posted an alert at that row (an incident opened, or an update). A NAB
 * series has no separate count of all mentions, so the value serves as both: the share-of-negatives test is
 * inactive. Timestamps without a zone are read as UTC (the detector's daily and weekly profiles are in UTC). A
 * gap between rows is a missing reading, not a run of zeros: the windows skip it and nothing is learnt from it.
 * `--explain` adds the event and the detector's numbers as extra columns.
 */
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseDuration } from '../core/duration.js';
import { SensitivitySchema, type Sensitivity } from '../core/plan.js';
import { SeriesScorer, type SeriesScore } from '../core/detect/series.js';
import type { CliIO, Subcommand } from './io.js';
import { defineCommand, EXIT, usage } from './command.js';
import { t } from '../i18n/catalog.js';

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

const DEFINITION = {
  name: 'detect',
  summary: 'cli.detect.summary',
  synopsis: 'detect --input file.csv [--bucket 5m] [--sensitivity low|normal|high] [--resolve-after 12h] [--explain] > scores.csv',
  options: {
    input: { type: 'string', placeholder: 'file.csv', help: 'cli.detect.opt.input' },
    bucket: { type: 'string', placeholder: 'duration', default: '5m', help: 'cli.detect.opt.bucket' },
    sensitivity: { type: 'string', placeholder: 'level', default: 'normal', help: 'cli.detect.opt.sensitivity' },
    'resolve-after': { type: 'string', placeholder: 'duration', default: '12h', help: 'cli.detect.opt.resolveAfter' },
    explain: { type: 'boolean', help: 'cli.detect.opt.explain' },
  },
  exits: ['ok', 'failed', 'usage'],
} as const;

interface Options {
  input: string | undefined;
  bucketMs: number;
  sensitivity: Sensitivity;
  resolveAfterMs: number;
  explain: boolean;
}

export const detect: Subcommand = defineCommand({
  ...DEFINITION,
  run: async (values, _positionals, io) => {
    const locale = io.locale ?? 'en';
    const bucketMs = parseDuration(values.bucket);
    if (bucketMs === undefined) return usage(DEFINITION, io, t(locale, 'cli.error.duration', { option: '--bucket', value: values.bucket }));
    const resolveAfterMs = parseDuration(values['resolve-after']);
    if (resolveAfterMs === undefined) {
      return usage(DEFINITION, io, t(locale, 'cli.error.duration', { option: '--resolve-after', value: values['resolve-after'] }));
    }
    const sensitivity = SensitivitySchema.safeParse(values.sensitivity);
    if (!sensitivity.success) {
      return usage(
        DEFINITION,
        io,
        t(locale, 'cli.error.choice', { option: '--sensitivity', value: values.sensitivity, choices: 'low, normal, high' }),
      );
    }
    return score({ input: values.input, bucketMs, resolveAfterMs, sensitivity: sensitivity.data, explain: values.explain }, io);
  },
});

async function score(options: Options, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = options.input === undefined || options.input === '-' ? await readAll(io.stdin) : await readFile(options.input, 'utf8');
  } catch (error) {
    io.stderr.write(`vigie detect: cannot read ${options.input ?? 'stdin'}: ${(error as Error).message}\n`);
    return EXIT.failed;
  }

  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const tsColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (tsColumn < 0 || valueColumn < 0) {
    io.stderr.write(`vigie detect: line 1: expected a header with "timestamp" and "value" columns, got "${lines[0] ?? ''}"\n`);
    return EXIT.failed;
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
      return EXIT.failed;
    }
    if (!Number.isFinite(value) || value < 0 || (cells[valueColumn] ?? '').trim() === '') {
      io.stderr.write(`vigie detect: line ${n + 1}: "${cells[valueColumn] ?? ''}" is not a count (a number ≥ 0)\n`);
      return EXIT.failed;
    }
    rows.push({ raw, at, value });
  }

  const scorer = new SeriesScorer({
    bucketMs: options.bucketMs,
    sensitivity: options.sensitivity,
    resolveAfterMs: options.resolveAfterMs,
    gaps: 'unobserved',
  });
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
  return EXIT.ok;
}
