import { type Args, COMMAND_NAMES, CommandParseError, GRAMMAR } from './grammar.js';
import type { Command, CommandName } from './types.js';
import { stripBidiControls } from '../../i18n/bidi.js';
import { type Aliases, foldWord, NO_ALIASES } from './aliases.js';
import type { SettableField } from './plan-edits.js';

interface Token {
  value: string;
  start: number;
  end: number;
}

/** Words and "quoted strings" with their positions, so that the rest of a line can be taken verbatim. */
function tokenise(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i]!)) {
      i += 1;
      continue;
    }
    const start = i;
    const quote = line[i] === '"' || line[i] === '“' ? line[i] : undefined;
    if (quote) {
      const close = quote === '“' ? '”' : '"';
      const end = line.indexOf(close, i + 1);
      if (end < 0) throw new CommandParseError('unterminated_quote');
      tokens.push({ value: line.slice(i + 1, end), start, end: end + 1 });
      i = end + 1;
      continue;
    }
    while (i < line.length && !/\s/.test(line[i]!)) i += 1;
    tokens.push({ value: line.slice(start, i), start, end: i });
  }
  return tokens;
}

const BY_WORD = new Map<string, CommandName>(COMMAND_NAMES.map((name) => [name, name]));

/** `set`'s field and whole value, and `act`'s button, in any language's words → their canonical names. */
function canonical(command: Command, aliases: Aliases): Command {
  if (command.name === 'set') {
    const field = aliases.fields.get(foldWord(command.field)) ?? command.field;
    const value = aliases.values.get(field as SettableField)?.get(foldWord(command.value)) ?? command.value;
    return { ...command, field, value };
  }
  if (command.name === 'act') return { ...command, action: aliases.buttons.get(foldWord(command.action)) ?? command.action };
  return command;
}

/**
 * Parse one command line, the same for every platform: `/vigie …` text in Slack, a Teams mention with the
 * mention stripped, a line on stdin. A leading `/vigie` or `vigie` is ignored, and so are direction controls: an
 * Arabic reply's example command copied back carries isolates, and right-to-left keyboards insert marks.
 */
export function parseCommand(input: string, aliases: Aliases = NO_ALIASES): Command {
  const line = stripBidiControls(input)
    .trim()
    .replace(/^\/?vigie\b\s*/i, '');
  const tokens = tokenise(line);
  const first = tokens[0];
  if (!first) throw new CommandParseError('empty');
  const name = BY_WORD.get(first.value.toLowerCase()) ?? aliases.commands.get(foldWord(first.value));
  if (!name) throw new CommandParseError('unknown_command', undefined, first.value);
  const words = tokens.slice(1);
  const word = (index: number, what: string): string => {
    const token = words[index];
    if (!token || token.value.trim() === '') throw new CommandParseError('missing_argument', name, what);
    return token.value;
  };
  const args: Args = {
    word,
    optional: (index) => words[index]?.value,
    rest: (index, what) => {
      word(index, what);
      return line.slice(words[index]!.start).trim();
    },
    rawFrom: (index) => words.slice(index).map((t) => line.slice(t.start, t.end)),
    atMost: (count) => {
      const extra = words[count];
      if (extra) throw new CommandParseError('unexpected_argument', name, extra.value);
    },
  };
  return canonical(GRAMMAR[name].parse(args), aliases);
}

/** Commands whose answer can take longer than a platform's acknowledgement window. */
export function isSlowCommand(input: string, aliases: Aliases = NO_ALIASES): boolean {
  try {
    return GRAMMAR[parseCommand(input, aliases).name].slow === true;
  } catch {
    return false;
  }
}
