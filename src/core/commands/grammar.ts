import type { CommandName, CommandOf } from './types.js';

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

/** The words after the command name, with the ways a command may read them. */
export interface Args {
  /** The word at `index`, or CommandParseError('missing_argument', …, what). */
  word(index: number, what: string): string;
  /** The word at `index` if there is one. */
  optional(index: number): string | undefined;
  /** The line from the word at `index` to its end, verbatim (queries keep their quotes and spacing). */
  rest(index: number, what: string): string;
  /** Each word from `index` on, verbatim with its quotes. */
  rawFrom(index: number): string[];
  /** CommandParseError('unexpected_argument') if there are more than `count` words. */
  atMost(count: number): void;
}

export interface CommandSpec<N extends CommandName> {
  parse(args: Args): CommandOf<N>;
  /** May take longer than a platform's acknowledgement window (answered later). */
  slow?: boolean;
}

const planOnly =
  <N extends 'show' | 'pause' | 'resume' | 'remove' | 'test'>(name: N) =>
  (args: Args) => {
    const plan = args.word(0, 'plan');
    args.atMost(1);
    return { name, plan } as CommandOf<N>;
  };

const planAndQuery =
  <N extends 'watch' | 'competitor' | 'news'>(name: N) =>
  (args: Args) =>
    ({ name, plan: args.word(0, 'plan'), query: args.rest(1, 'query') }) as CommandOf<N>;

const planAndTerms =
  <N extends 'add' | 'exclude'>(name: N) =>
  (args: Args) => {
    const plan = args.word(0, 'plan');
    args.word(1, 'terms');
    return { name, plan, terms: args.rawFrom(1) } as CommandOf<N>;
  };

const planAndSource =
  <N extends 'source' | 'unsource'>(name: N) =>
  (args: Args) => {
    const plan = args.word(0, 'plan');
    const kind = args.word(1, 'kind').toLowerCase();
    args.atMost(3);
    const arg = args.optional(2);
    return (arg === undefined ? { name, plan, kind } : { name, plan, kind, arg }) as CommandOf<N>;
  };

const bare =
  <N extends 'help' | 'list' | 'status'>(name: N) =>
  (args: Args) => {
    args.atMost(0);
    return { name } as CommandOf<N>;
  };

/**
 * Every command, in the order `help` lists them: how its words are read, whether it is slow (the words of each
 * language for it are in the catalogue, src/i18n/sections/aliases.ts). The
 * application's handler table is keyed by the same names, and the compiler checks that both cover every command.
 */
export const GRAMMAR: { readonly [N in CommandName]: CommandSpec<N> } = {
  help: { parse: bare('help') },
  watch: { parse: planAndQuery('watch') },
  add: { parse: planAndTerms('add') },
  exclude: { parse: planAndTerms('exclude') },
  competitor: { parse: planAndQuery('competitor') },
  news: { parse: planAndQuery('news') },
  source: { parse: planAndSource('source') },
  unsource: { parse: planAndSource('unsource') },
  set: {
    parse: (args) => ({ name: 'set', plan: args.word(0, 'plan'), field: args.word(1, 'field').toLowerCase(), value: args.rest(2, 'value') }),
  },
  plan: {
    parse: (args) => {
      args.atMost(1);
      const plan = args.optional(0);
      return plan === undefined ? { name: 'plan' } : { name: 'plan', plan };
    },
  },
  list: { parse: bare('list') },
  show: { parse: planOnly('show') },
  pause: { parse: planOnly('pause') },
  resume: { parse: planOnly('resume') },
  remove: { parse: planOnly('remove') },
  test: { parse: planOnly('test'), slow: true },
  suggest: {
    parse: (args) => {
      const plan = args.word(0, 'plan');
      args.atMost(2);
      const days = args.optional(1);
      if (days === undefined) return { name: 'suggest', plan };
      const n = Number(days.replace(/d$/i, ''));
      if (!Number.isInteger(n) || n < 1 || n > 7) throw new CommandParseError('unexpected_argument', 'suggest', days);
      return { name: 'suggest', plan, days: n };
    },
  },
  status: { parse: bare('status') },
  act: {
    parse: (args) => {
      const incident = args.word(0, 'incident');
      const action = args.word(1, 'button').toLowerCase();
      args.atMost(2);
      return { name: 'act', incident, action };
    },
  },
  correct: {
    parse: (args) => {
      const post = args.word(0, 'post');
      const label = args.word(1, 'label').toLowerCase();
      args.atMost(2);
      return { name: 'correct', post, label };
    },
  },
  history: {
    parse: (args) => {
      const plan = args.word(0, 'plan');
      args.atMost(3);
      const flag = args.optional(1);
      if (flag === undefined) return { name: 'history', plan };
      if (flag.toLowerCase() !== '--since') throw new CommandParseError('unexpected_argument', 'history', flag);
      return { name: 'history', plan, since: args.word(2, 'since') };
    },
  },
  export: {
    parse: (args) => {
      const target = args.word(0, 'incident|plan');
      args.atMost(2);
      return { name: 'export', target, format: (args.optional(1) ?? 'csv').toLowerCase() };
    },
  },
  report: {
    parse: (args) => {
      const action = args.word(0, 'action').toLowerCase();
      if (action !== 'revoke') throw new CommandParseError('unexpected_argument', 'report', action);
      const incident = args.word(1, 'incident');
      args.atMost(2);
      return { name: 'report', action, incident };
    },
  },
  used: {
    parse: (args) => {
      const incident = args.word(0, 'incident');
      const draft = args.word(1, 'n');
      args.atMost(2);
      return { name: 'used', incident, draft };
    },
  },
};

export const COMMAND_NAMES = Object.keys(GRAMMAR) as CommandName[];
