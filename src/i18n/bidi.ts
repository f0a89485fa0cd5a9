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

/** Every line starts right to left, unless it already states its direction (a query and its caret pointer are LTR). */
export function rightToLeftLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' || LINE_MARK.test(line) ? line : `${RLM}${line}`))
    .join('\n');
}
