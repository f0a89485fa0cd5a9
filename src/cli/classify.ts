/**
 * `vigie classify [--lang xx] < in.jsonl > out.jsonl`: labels each JSON line's `text` and writes the same object
 * plus `label`, `confidence` and `lang`. Streams line by line with output backpressure, so memory stays flat on any
 * input size. A line's own `lang` wins over `--lang`; without either the language is detected. A bad line is reported
 * on stderr with its line number and skipped.
 */
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { loadDefaultClassifier, loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import { defineCommand } from './command.js';
import type { Subcommand } from './io.js';
import { linesExit, mapJsonLines } from './jsonl.js';

/**
 * The subcommand with its classifier supplied, for tests and for callers that already hold one. `load` learns
 * whether `--lang` was given, so that language-identification data is loaded only when some line may need it.
 */
export function classifyWith(load: (langGiven: boolean) => SentimentClassifier | Promise<SentimentClassifier>): Subcommand {
  return defineCommand({
    name: 'classify',
    summary: 'cli.classify.summary',
    synopsis: 'classify [--lang xx] < in.jsonl > out.jsonl',
    options: { lang: { type: 'string', placeholder: 'xx', help: 'cli.classify.opt.lang' } },
    exits: ['ok', 'failed', 'usage', 'partial'],
    async run({ lang }, _positionals, io) {
      const classifier = await load(lang !== undefined);
      const report = await mapJsonLines(io, 'classify', (record) => {
        const result = classifier.classify(record.text, record.lang?.trim() ? record.lang : lang);
        const confidence = Math.round(result.confidence * 10_000) / 10_000;
        return { ok: true, output: JSON.stringify({ ...record, label: result.label, confidence, lang: result.lang }) };
      });
      return linesExit(report);
    },
  });
}

export const classify: Subcommand = classifyWith((langGiven) => (langGiven ? loadDefaultClassifier() : loadDefaultClassifierWithLanguageId()));
