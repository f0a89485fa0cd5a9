import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { DRAFT_LANGUAGES, PlaybookSchema, type DraftLanguage, type Playbook } from '../core/respond/playbook.js';

/** The default playbooks shipped with Vigie, one per language. */
export const SHIPPED_PLAYBOOK_DIR = path.resolve(fileURLToPath(import.meta.url), '../../core/respond/playbooks');

const EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export type PlaybookErrorCode = 'playbook_unreadable' | 'playbook_syntax' | 'playbook_invalid' | 'playbook_dir_missing';

/** A playbook file that cannot be used: names the file, and for each problem the path inside it, its line and what is wrong. */
export class PlaybookError extends Error {
  override name = 'PlaybookError';
  constructor(
    readonly code: PlaybookErrorCode,
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Playbook ${file} cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LoadedPlaybook {
  playbook: Playbook;
  /** The file it came from: the team's own, or the shipped default. */
  file: string;
}
export type Playbooks = Record<DraftLanguage, LoadedPlaybook>;

function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.length === 0
    ? '(top level)'
    : segments
        .map((s) => (typeof s === 'number' ? `[${s}]` : String(s)))
        .join('.')
        .replace(/\.\[/g, '[');
}

/** Parse and validate one playbook's text; `file` only names it in errors (`.json` is parsed as JSON, anything else as YAML). */
export function parsePlaybook(text: string, file: string): Playbook {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlaybookError(
      'playbook_syntax',
      file,
      doc.errors.map((e) => e.message.split('\n')[0]!),
    );
  }
  const result = PlaybookSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // Point at the closest existing node: a missing key is reported on its parent.
    let line: number | undefined;
    for (let n = issue.path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(issue.path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    return `${formatPath(issue.path)}${line !== undefined ? ` (line ${line})` : ''}: ${issue.message}`;
  });
  throw new PlaybookError('playbook_invalid', file, problems);
}

export async function loadPlaybookFile(file: string): Promise<Playbook> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PlaybookError('playbook_unreadable', file, [(error as Error).message]);
  }
  return parsePlaybook(text, file);
}

async function findFile(dir: string, language: DraftLanguage, names: string[]): Promise<string | undefined> {
  const found = EXTENSIONS.map((ext) => `${language}${ext}`).filter((name) => names.includes(name));
  return found[0] ? path.join(dir, found[0]) : undefined;
}

async function loadOne(file: string, language: DraftLanguage): Promise<LoadedPlaybook> {
  const playbook = await loadPlaybookFile(file);
  if (playbook.language !== language) {
    throw new PlaybookError('playbook_invalid', file, [`language: the file is named for "${language}" but declares language "${playbook.language}"`]);
  }
  return { playbook, file };
}

/**
 * The playbook of every language: `<dir>/<lang>.yaml` (or .yml, .json) from the team's folder when `dir` is set,
 * the shipped default for each language the folder lacks. Every file is validated; the first bad one throws.
 */
export async function loadPlaybooks(options: { dir?: string } = {}): Promise<Playbooks> {
  let own: string[] = [];
  if (options.dir) {
    try {
      own = await readdir(options.dir);
    } catch (error) {
      throw new PlaybookError('playbook_dir_missing', options.dir, [
        `the playbook folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check VIGIE_PLAYBOOK_DIR`,
      ]);
    }
  }
  const shipped = await readdir(SHIPPED_PLAYBOOK_DIR);
  const entries = await Promise.all(
    DRAFT_LANGUAGES.map(async (language) => {
      const file =
        (options.dir ? await findFile(options.dir, language, own) : undefined) ?? (await findFile(SHIPPED_PLAYBOOK_DIR, language, shipped));
      if (!file) throw new PlaybookError('playbook_unreadable', SHIPPED_PLAYBOOK_DIR, [`no playbook for "${language}"`]);
      return [language, await loadOne(file, language)] as const;
    }),
  );
  return Object.fromEntries(entries) as Playbooks;
}
