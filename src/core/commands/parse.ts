import type { Command, CommandName } from './types.js';

export type CommandParseErrorCode = 'empty' | 'unknown_command' | 'missing_argument' | 'unexpected_argument' | 'unterminated_quote';

/** A command that cannot be parsed: data for the catalogue, with the usage of the command when it is known. */
export class CommandParseError extends Error {
  readonly code: CommandParseErrorCode;
  readonly command: CommandName | undefined;
  /** The argument that is missing or unexpected, or the unknown command word. */
  readonly argument: string | undefined;
  constructor(code: CommandParseErrorCode, command?: CommandName, argument?: string) {
    super(`${code}${command ? ` (${command})` : ''}${argument ? `: ${argument}` : ''}`);
    this.name = 'CommandParseError';
    this.code = code;
    this.command = command;
    this.argument = argument;
  }
}

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

const ALIASES: Record<string, CommandName> = { aide: 'help', '?': 'help', ls: 'list', rm: 'remove', delete: 'remove' };

const NAMES: readonly CommandName[] = [
  'help',
  'watch',
  'add',
  'exclude',
  'competitor',
  'news',
  'source',
  'unsource',
  'set',
  'list',
  'status',
  'show',
  'pause',
  'resume',
  'remove',
  'test',
  'plan',
  'act',
];

function commandName(word: string): CommandName | undefined {
  const lower = word.toLowerCase();
  if ((NAMES as readonly string[]).includes(lower)) return lower as CommandName;
  return ALIASES[lower];
}

/**
 * Parse one command line, the same for every platform: `/vigie …` text in Slack, a Teams mention with the
 * mention stripped, a line on stdin. A leading `/vigie` or `vigie` is ignored.
 */
export function parseCommand(input: string): Command {
  const line = input.trim().replace(/^\/?vigie\b\s*/i, '');
  const tokens = tokenise(line);
  const first = tokens[0];
  if (!first) throw new CommandParseError('empty');
  const name = commandName(first.value);
  if (!name) throw new CommandParseError('unknown_command', undefined, first.value);

  const args = tokens.slice(1);
  const need = (index: number, what: string): Token => {
    const token = args[index];
    if (!token || token.value.trim() === '') throw new CommandParseError('missing_argument', name, what);
    return token;
  };
  const rest = (index: number, what: string): string => {
    const from = need(index, what).start;
    return line.slice(from).trim();
  };
  const noMore = (count: number): void => {
    const extra = args[count];
    if (extra) throw new CommandParseError('unexpected_argument', name, extra.value);
  };

  switch (name) {
    case 'help':
    case 'list':
    case 'status':
      noMore(0);
      return { name };
    case 'plan':
      noMore(1);
      return args[0] ? { name, plan: args[0].value } : { name };
    case 'show':
    case 'pause':
    case 'resume':
    case 'remove':
    case 'test':
      need(0, 'plan');
      noMore(1);
      return { name, plan: args[0]!.value };
    case 'watch':
    case 'competitor':
    case 'news':
      need(0, 'plan');
      return { name, plan: args[0]!.value, query: rest(1, 'query') };
    case 'add':
    case 'exclude': {
      need(0, 'plan');
      need(1, 'terms');
      const terms = args.slice(1).map((t) => line.slice(t.start, t.end));
      return { name, plan: args[0]!.value, terms };
    }
    case 'source':
    case 'unsource': {
      need(0, 'plan');
      const kind = need(1, 'kind').value.toLowerCase();
      noMore(3);
      return args[2] ? { name, plan: args[0]!.value, kind, arg: args[2].value } : { name, plan: args[0]!.value, kind };
    }
    case 'act':
      need(0, 'incident');
      need(1, 'button');
      noMore(2);
      return { name, incident: args[0]!.value, action: args[1]!.value.toLowerCase() };
    case 'set':
      need(0, 'plan');
      return { name, plan: args[0]!.value, field: need(1, 'field').value.toLowerCase(), value: rest(2, 'value') };
  }
}

/** Commands whose answer can take longer than a platform's acknowledgement window. */
export function isSlowCommand(input: string): boolean {
  try {
    return parseCommand(input).name === 'test';
  } catch {
    return false;
  }
}
