import { t } from '../i18n/catalog.js';
import { withStore, type StoreSettings } from '../store/select.js';
import type { Correction } from '../core/corrections/correction.js';
import { defineCommand, EXIT, usage } from './command.js';
import type { Subcommand } from './io.js';
import { reportDataError, storeSettingsOf } from './store-settings.js';
import { writeFile } from 'node:fs/promises';

/**
 * One training row per correction, in the shape the trainer reads (`scripts/sentiment-data.ts`: `text`, `label`,
 * `lang`), with the workspace it came from so a team can train on its own rows only.
 */
export function trainingRow(c: Correction): Record<string, string> {
  return { text: c.text, label: c.label, ...(c.lang ? { lang: c.lang } : {}), platform: c.scope.platform, workspace: c.scope.workspace };
}

const SYNOPSIS = 'corrections export [--workspace id] [--out rows.jsonl]';

/** `vigie corrections export`: every workspace's sentiment corrections as JSON lines of training rows. */
export function correctionsWith(given?: StoreSettings): Subcommand {
  return defineCommand({
    name: 'corrections',
    summary: 'cli.corrections.summary',
    synopsis: SYNOPSIS,
    options: {
      workspace: { type: 'string', short: 'w', placeholder: 'id', help: 'cli.corrections.opt.workspace' },
      out: { type: 'string', short: 'o', placeholder: 'rows.jsonl', help: 'cli.corrections.opt.out' },
    },
    positionals: { max: 1 },
    exits: ['ok', 'failed', 'usage'],
    async run({ workspace, out }, positionals, io) {
      if (positionals[0] !== 'export') return usage({ name: 'corrections', synopsis: SYNOPSIS }, io, t(io.locale ?? 'en', 'cli.corrections.action'));
      try {
        const corrections = await withStore(storeSettingsOf(given), 'vigie-corrections', (store) => store.corrections.all());
        const rows = corrections.filter((c) => workspace === undefined || c.scope.workspace === workspace).map(trainingRow);
        const text = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
        if (out) {
          await writeFile(out, text);
          io.stderr.write(`${t(io.locale ?? 'en', 'cli.corrections.done', { count: rows.length, out })}\n`);
        } else {
          io.stdout.write(text);
        }
        return EXIT.ok;
      } catch (error) {
        return reportDataError(error, io);
      }
    },
  });
}

export const corrections: Subcommand = correctionsWith();
