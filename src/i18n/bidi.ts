/**
 * Right-to-left text. Slack mrkdwn, terminals and plain text have no direction markup, so Arabic messages carry
 * Unicode's own controls: each line starts with a right-to-left mark (so a line that opens with a plan name or an
 * emoji is still laid out right to left), and every left-to-right run inserted in it (ids, URLs, commands, numbers
 * with units) is an isolate, so its punctuation cannot drift to the other side of the sentence.
 */
export const FSI = '\u2068';
export const PDI = '\u2069';
export const RLM = '\u200f';
export const LRM = '\u200e';

const CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_MARK = /^[\u200e\u200f]/;

/** `value` as a first-strong isolate: laid out in its own direction, whatever surrounds it. */
export function isolate(value: string | number): string {
  const text = String(value);
  return text === '' ? text : `${FSI}${text}${PDI}`;
}

/** Text a user typed or copied from a message, without the direction controls Vigie (or their keyboard) put in it. */
export function stripBidiControls(text: string): string {
  return text.replace(CONTROLS, '');
}

const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f]/;
const LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u200e]/;
/** Markup a line may open with: a mark is put after it, so that Slack and Markdown still see `*bold*` or `> quote`. */
const LEADING_MARKUP = /^[*_~`>]+/;

/** Whether the first strong character outside isolates is left to right: the line would then be laid out LTR. */
function opensLeftToRight(line: string): boolean {
  let depth = 0;
  for (const char of line) {
    if (char === FSI || char === '\u2066' || char === '\u2067') depth++;
    else if (char === PDI) depth = Math.max(0, depth - 1);
    else if (depth === 0 && RTL_LETTER.test(char)) return false;
    else if (depth === 0 && LTR_LETTER.test(char)) return true;
  }
  // Only isolates, digits and punctuation: nothing can flip, and a mark there would land inside a `code span`.
  return false;
}

/**
 * Each line laid out right to left: a right-to-left mark where the line would otherwise open left to right (a plan
 * name, "Vigie", an emoji then a command). Not on lines that already state their direction: a query and its caret
 * pointer are left to right.
 */
export function rightToLeftLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line === '' || LINE_MARK.test(line) || !opensLeftToRight(line)) return line;
      const markup = LEADING_MARKUP.exec(line)?.[0] ?? '';
      return `${markup}${RLM}${line.slice(markup.length)}`;
    })
    .join('\n');
}

/** A bare URL: never wrapped in an isolate, since Slack, Teams and terminals would take the control into the link. */
export function isBareUrl(value: string): boolean {
  return /^https?:\/\/\S+$/.test(value);
}
