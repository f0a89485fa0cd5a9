/**
 * `vigie classify [--lang xx] < in.jsonl > out.jsonl`: labels each JSON line's `text` and writes the same object
 * plus `label`, `confidence` and `lang`. Streams line by line with output backpressure, so memory stays flat on any
 * input size. A line's own `lang` wins over `--lang`; without either the language is detected. A bad line is reported
 * on stderr with its line number and skipped.
 */
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { loadDefaultClassifier, loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import type { Subcommand } from './io.js';
import { mapJsonLines } from './jsonl.js';
import type { LineResult } from './jsonl.js';

const USAGE = 'usage: vigie classify [--lang xx] < in.jsonl > out.jsonl';

type Parsed = { ok: true; lang: string | undefined } | { ok: false; message: string };

function parseArguments(args: readonly string[]): Parsed {
  let lang: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) lang = args[++i];
    else if (arg.startsWith('--lang=') && arg.length > 7) lang = arg.slice(7);
    else return { ok: false, message: `unexpected argument "${arg}"` };
  }
  return { ok: true, lang };
}

function classifyLine(classifier: SentimentClassifier, line: string, defaultLang: string | undefined): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, message: `invalid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'expected a JSON object' };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return { ok: false, message: 'missing string field "text"' };
  if (record.lang !== undefined && record.lang !== null && typeof record.lang !== 'string') {
    return { ok: false, message: 'field "lang" must be a string' };
  }
  const lang = typeof record.lang === 'string' && record.lang.trim() !== '' ? record.lang : defaultLang;
  const result = classifier.classify(record.text, lang);
  const confidence = Math.round(result.confidence * 10_000) / 10_000;
  return { ok: true, output: JSON.stringify({ ...record, label: result.label, confidence, lang: result.lang }) };
}

/**
 * The subcommand with its classifier supplied, for tests and for callers that already hold one. `load` learns
 * whether `--lang` was given, so that language-identification data is loaded only when some line may need it.
 */
export function classifyWith(load: (langGiven: boolean) => SentimentClassifier | Promise<SentimentClassifier>): Subcommand {
  return async (args, io) => {
    const parsed = parseArguments(args);
    if (!parsed.ok) {
      io.stderr.write(`vigie classify: ${parsed.message}\n${USAGE}\n`);
      return 2;
    }
    const classifier = await load(parsed.lang !== undefined);
    const { lines, skipped } = await mapJsonLines(
      io,
      (line) => classifyLine(classifier, line, parsed.lang),
      (n, message) => io.stderr.write(`vigie classify: line ${n}: ${message}; skipped\n`),
    );
    if (skipped > 0) io.stderr.write(`vigie classify: ${skipped} bad line(s) skipped of ${lines}\n`);
    return 0;
  };
}

export const classify: Subcommand = classifyWith((langGiven) => (langGiven ? loadDefaultClassifier() : loadDefaultClassifierWithLanguageId()));
