import type { CommandContext, CommandName, CommandOf, Reply } from '../../core/commands/types.js';
import type { Kit } from './kit.js';

/** One command's work: its parsed command in, a reply (catalogue keys) out. Refusals throw via `refuse`. */
export type Handler<N extends CommandName> = (command: CommandOf<N>, ctx: CommandContext, kit: Kit) => Promise<Reply>;
