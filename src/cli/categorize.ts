/**
 * `vigie categorize [--lang xx] [--explain] < mentions.jsonl > out.jsonl`: adds `category` to each JSON line that has a
 * `text` (and, with --explain, `categoryCues`: the cues and learned words that decided it, strongest first).
 * Streams line by line with output backpressure. A line's own `lang` wins over `--lang`. A bad line is reported on
 * stderr with its line number and skipped.
 */
import { categorizeText } from '../core/respond/categorize.js';
import { t } from '../i18n/catalog.js';
import type { Subcommand } from './io.js';
import { mapJsonLines } from './jsonl.js';
import type { LineResult } from './jsonl.js';

const EXPLAIN_CUES = 5;

type Parsed = { ok: true; lang: string | undefined; explain: boolean } | { ok: false; message: string };

function parseArguments(args: readonly string[]): Parsed {
  let lang: string | undefined;
  let explain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) lang = args[++i];
    else if (arg.startsWith('--lang=') && arg.length > 7) lang = arg.slice(7);
    else if (arg === '--explain') explain = true;
    else return { ok: false, message: t('en', 'resp.cli.badArgument', { arg }) };
  }
  return { ok: true, lang, explain };
}

function categorizeLine(line: string, defaultLang: string | undefined, explain: boolean): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, message: t('en', 'resp.cli.lineNotJson', { reason: (error as Error).message }) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: t('en', 'resp.cli.lineNotObject') };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return { ok: false, message: t('en', 'resp.cli.lineNoText') };
  const lang = typeof record.lang === 'string' && record.lang.trim() !== '' ? record.lang : defaultLang;
  const result = categorizeText({ text: record.text, ...(lang ? { lang } : {}) });
  const cues = explain
    ? {
        categoryCues: result.contributions
          .filter((c) => c.category === result.category && c.weight > 0)
          .slice(0, EXPLAIN_CUES)
          .map((c) => ({ phrase: (record.text as string).slice(c.start, c.end), cue: c.phrase, source: c.source, weight: c.weight })),
      }
    : {};
  return { ok: true, output: JSON.stringify({ ...record, category: result.category, ...cues }) };
}

export const categorize: Subcommand = async (args, io) => {
  const parsed = parseArguments(args);
  if (!parsed.ok) {
    io.stderr.write(`vigie categorize: ${parsed.message}\n${t('en', 'resp.cli.categorizeUsage')}\n`);
    return 2;
  }
  const { lines, skipped } = await mapJsonLines(
    io,
    (line) => categorizeLine(line, parsed.lang, parsed.explain),
    (n, message) => io.stderr.write(`vigie categorize: ${t('en', 'resp.cli.badLine', { line: n, reason: message })}\n`),
  );
  if (skipped > 0) io.stderr.write(`vigie categorize: ${t('en', 'resp.cli.skipped', { skipped, total: lines })}\n`);
  return 0;
};
