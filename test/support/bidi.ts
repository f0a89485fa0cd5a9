import { FSI, PDI } from '../../src/i18n/bidi.js';

/**
 * Whether the occurrence of a left-to-right run at `index` is safe from the bidi algorithm of a right-to-left
 * message: inside one isolate (FSI … PDI), inside a Slack token (`<https://…|label>`, `<@U1>`), or a Markdown link
 * target (`](…)`), which the client lays out as a unit.
 */
function protectedAt(text: string, index: number, length: number): boolean {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === FSI) depth++;
    if (text[i] === PDI) depth--;
  }
  const inside = text.slice(index, index + length);
  if (depth > 0 && !inside.includes(PDI)) return true;
  const before = text.slice(0, index);
  if (before.lastIndexOf('<') > before.lastIndexOf('>')) return true;
  return before.lastIndexOf('](') > before.lastIndexOf(')');
}

/** The runs of `runs` that occur somewhere in `text` without protection: an id that the layout could split. */
export function exposedRuns(text: string, runs: string[]): string[] {
  const exposed: string[] = [];
  for (const run of runs) {
    for (let at = text.indexOf(run); at >= 0; at = text.indexOf(run, at + 1)) {
      if (!protectedAt(text, at, run.length))
        exposed.push(`${run} at ${at} in ${JSON.stringify(text.slice(Math.max(0, at - 20), at + run.length + 20))}`);
    }
  }
  return exposed;
}

/** How many times the runs occur in `text`: a check that found nothing to check proves nothing. */
export function occurrences(text: string, runs: string[]): number {
  return runs.reduce((sum, run) => sum + text.split(run).length - 1, 0);
}

/** Every string of a rendered structure (Block Kit, an Adaptive Card), each a paragraph of its own. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}
