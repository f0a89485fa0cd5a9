import { COMMAND_NAMES } from '../../core/commands/grammar.js';
import type { CommandName, ReplyLine } from '../../core/commands/types.js';
import type { Handler } from './handler.js';
import { ok } from './kit.js';

/** How to type a command, as a catalogue entry. */
export const syntaxOf = (name: CommandName): ReplyLine => ({ key: `cmd.syntax.${name}` });

/** One line per command of the grammar table, in its order: the help cannot forget a command. */
export const help: Handler<'help'> = async (_command, _ctx, kit) => {
  const kinds = kit.deps.sources.kinds().join(', ');
  return ok(
    { key: 'cmd.help.intro' },
    ...COMMAND_NAMES.map(
      (name): ReplyLine => ({ key: 'cmd.help.line', params: { syntax: syntaxOf(name), summary: { key: `cmd.summary.${name}`, params: { kinds } } } }),
    ),
    { key: 'cmd.help.footer' },
  );
};
