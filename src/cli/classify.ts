/**
 * `vigie classify [--lang xx] < in.jsonl > out.jsonl`: labels each JSON line's `text` and writes the same object
 * plus `label`, `confidence` and `lang`. Streams line by line with output backpressure, so memory stays flat on any
 * input size. A line's own `lang` wins over `--lang`; without either the language is detected. A bad line is reported
 * on stderr with its line number and skipped.
 */
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { loadDefaultClassifier, loadDefaultClassifierWithLanguageId } from '../models/sentiment.js';
import { defineCommand, usage } from './command.js';
import { isKnownLanguage, KNOWN_LANGUAGES } from '../core/languages.js';
import { canonicalLanguage } from '../core/sentiment/langid.js';
import { t } from '../i18n/catalog.js';

const DEFINITION = { name: 'classify', synopsis: 'classify [--lang xx] < in.jsonl > out.jsonl' } as const;
import type { Subcommand } from './io.js';
import { linesExit, mapJsonLines } from './jsonl.js';

/**
 * The subcommand with its classifier supplied, for tests and for callers that already hold one. `load` learns
 * whether `--lang` was given, so that language-identification data is loaded only when some line may need it.
 */
export function classifyWith(load: (langGiven: boolean) => SentimentClassifier | Promise<SentimentClassifier>): Subcommand {
  return defineCommand({
    ...DEFINITION,
    summary: 'cli.classify.summary',
    options: { lang: { type: 'string', placeholder: 'xx', help: 'cli.classify.opt.lang' } },
    exits: ['ok', 'failed', 'usage', 'partial'],
    async run({ lang }, _positionals, io) {
      // A typo such as `--lang zz` would silently score every line with the language-independent fallback.
      if (lang !== undefined && !isKnownLanguage(canonicalLanguage(lang) ?? '')) {
        return usage(DEFINITION, io, t(io.locale ?? 'en', 'cli.error.classifyLanguage', { lang, languages: KNOWN_LANGUAGES.join(', ') }));
      }
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
