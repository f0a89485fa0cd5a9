import type { CliIO, Subcommand } from './io.js';
import { CLI_USAGE } from './usage.js';
import { ConfigError, loadConfig } from '../config.js';

/**
 * The `vigie` bin. Subcommands are loaded on demand so that `vigie classify` does not pay for Slack, Teams or the
 * store, and `vigie start` does not pay for the benchmarks' code.
 */
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  start: async () => (await import('./start.js')).start,
  classify: async () => (await import('./classify.js')).classify,
  detect: async () => (await import('./detect.js')).detect,
  backtest: async () => (await import('./backtest.js')).backtest,
  categorize: async () => (await import('./categorize.js')).categorize,
  migrate: async () => (await import('./migrate.js')).migrate,
  export: async () => (await import('./export.js')).exportData,
  import: async () => (await import('./import.js')).importData,
  suggest: async () => {
    const config = loadConfig(process.env);
    return (await import('./suggest.js')).suggestWith({
      ...(config.VIGIE_PLAYBOOK_DIR ? { playbookDir: config.VIGIE_PLAYBOOK_DIR } : {}),
      ...(config.LLM_BASE_URL && config.LLM_MODEL
        ? {
            llm: {
              baseUrl: config.LLM_BASE_URL,
              model: config.LLM_MODEL,
              timeoutMs: config.LLM_TIMEOUT,
              ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
            },
          }
        : {}),
    });
  },
};

export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(CLI_USAGE);
    return 0;
  }
  const load = SUBCOMMANDS[name];
  if (!load) return (await import('./once.js')).once(argv, io);
  try {
    return await (await load())(args, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`vigie: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
