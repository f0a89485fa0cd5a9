/**
 * `vigie categorize [--lang xx] [--explain] < mentions.jsonl > out.jsonl`: adds `category` to each JSON line that has a
 * `text` (and, with --explain, `categoryCues`: the cues and learned words that decided it, strongest first).
 * Streams line by line with output backpressure. A line's own `lang` wins over `--lang`. A bad line is reported on
 * stderr with its line number and skipped.
 */
import { categorizeText } from '../core/respond/categorize.js';
import { defineCommand } from './command.js';
import type { Subcommand } from './io.js';
import { linesExit, mapJsonLines } from './jsonl.js';

const EXPLAIN_CUES = 5;

export const categorize: Subcommand = defineCommand({
  name: 'categorize',
  summary: 'cli.categorize.summary',
  synopsis: 'categorize [--lang xx] [--explain] < mentions.jsonl > out.jsonl',
  options: {
    lang: { type: 'string', placeholder: 'xx', help: 'cli.categorize.opt.lang' },
    explain: { type: 'boolean', help: 'cli.categorize.opt.explain' },
  },
  exits: ['ok', 'failed', 'usage', 'partial'],
  async run({ lang, explain }, _positionals, io) {
    const report = await mapJsonLines(io, 'categorize', (record) => {
      const language = record.lang?.trim() ? record.lang : lang;
      const result = categorizeText({ text: record.text, ...(language ? { lang: language } : {}) });
      const cues = explain
        ? {
            categoryCues: result.contributions
              .filter((c) => c.category === result.category && c.weight > 0)
              .slice(0, EXPLAIN_CUES)
              .map((c) => ({ phrase: record.text.slice(c.start, c.end), cue: c.phrase, source: c.source, weight: c.weight })),
          }
        : {};
      return { ok: true, output: JSON.stringify({ ...record, category: result.category, ...cues }) };
    });
    return linesExit(report);
  },
});
