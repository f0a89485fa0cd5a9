import type { CliIO, Subcommand } from './io.js';
import { start } from './start.js';
import { once } from './once.js';
import { CLI_USAGE } from './usage.js';

/**
 * The `vigie` bin. Subcommands are loaded on demand so that `vigie classify` does not pay for Slack, Teams or the
 * store, and `vigie start` does not pay for the benchmarks' code.
 */
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  start: async () => start,
  classify: async () => (await import('./classify.js')).classify,
  detect: async () => (await import('./detect.js')).detect,
  backtest: async () => (await import('./backtest.js')).backtest,
  categorize: async () => (await import('./categorize.js')).categorize,
  suggest: async () => (await import('./suggest.js')).suggest,
};

export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(CLI_USAGE);
    return 0;
  }
  const load = SUBCOMMANDS[name];
  if (load) return (await load())(args, io);
  return once(argv, io);
}
