import { ConfigError, debugOf, loadConfig, localeOf } from '../config.js';
import { type MessageKey, t } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { EXIT } from './command.js';
import type { CliIO, Subcommand } from './io.js';
import { type EnvFileOutcome, loadEnvFile } from './env-file.js';

interface Entry {
  summary: MessageKey;
  load(): Promise<Subcommand>;
}

/**
 * The `vigie` bin. Subcommands are loaded on demand so that `vigie classify` does not pay for Slack, Teams or the
 * store, and `vigie start` does not pay for the benchmarks' code.
 */
const SUBCOMMANDS: Record<string, Entry> = {
  start: { summary: 'cli.start.summary', load: async () => (await import('./start.js')).start },
  classify: { summary: 'cli.classify.summary', load: async () => (await import('./classify.js')).classify },
  categorize: { summary: 'cli.categorize.summary', load: async () => (await import('./categorize.js')).categorize },
  suggest: {
    summary: 'cli.suggest.summary',
    load: async () => {
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
  },
  detect: { summary: 'cli.detect.summary', load: async () => (await import('./detect.js')).detect },
  backtest: { summary: 'cli.backtest.summary', load: async () => (await import('./backtest.js')).backtest },
  migrate: { summary: 'cli.migrate.summary', load: async () => (await import('./migrate.js')).migrate },
  export: { summary: 'cli.export.summary', load: async () => (await import('./export.js')).exportData },
  import: { summary: 'cli.import.summary', load: async () => (await import('./import.js')).importData },
  'rotate-secrets': { summary: 'security.rotate.summary', load: async () => (await import('./rotate-secrets.js')).rotateSecrets },
  corrections: { summary: 'cli.corrections.summary', load: async () => (await import('./corrections.js')).corrections },
};

export function usageText(locale: Locale): string {
  const names = Object.keys(SUBCOMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return [
    t(locale, 'cli.intro'),
    '',
    t(locale, 'cli.help.usage', { synopsis: 'vigie <subcommand> [options]' }),
    '',
    t(locale, 'cli.help.subcommands'),
    ...Object.entries(SUBCOMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}${t(locale, entry.summary)}`),
    '',
    t(locale, 'cli.help.chat'),
    t(locale, 'cli.help.settings'),
    '',
    t(locale, 'cli.help.exits'),
    ...(['ok', 'failed', 'usage', 'partial'] as const).map((name) => `  ${EXIT[name]}  ${t(locale, `cli.exit.${name}`)}`),
    '',
  ].join('\n');
}

/**
 * `envFolder`: where to look for `.env` (the working folder for the bin); `null` reads none (tests that pass their
 * own environment).
 */
export async function main(
  argv: string[],
  io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  envFolder: string | null = process.cwd(),
): Promise<number> {
  let envFile: EnvFileOutcome | undefined;
  try {
    envFile = envFolder === null ? undefined : loadEnvFile(envFolder);
  } catch (error) {
    const file = `${envFolder}/.env`;
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`vigie: ${t(localeOf(process.env), 'startup.envFile.unreadable', { file, reason })}\n`);
    return EXIT.failed;
  }
  const cli: CliIO = { ...io, locale: io.locale ?? localeOf(process.env), ...(envFile ? { envFile } : {}) };
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    cli.stdout.write(usageText(cli.locale ?? 'en'));
    return EXIT.ok;
  }
  const entry = SUBCOMMANDS[name];
  if (!entry) return (await import('./once.js')).once(argv, cli);
  try {
    return await (await entry.load())(args, cli);
  } catch (error) {
    if (error instanceof ConfigError) {
      cli.stderr.write(`vigie: ${error.message}\n`);
      return EXIT.failed;
    }
    // A tool never ends on a stack trace: one line says what stopped it; the stack is for LOG_LEVEL=debug.
    const reason =
      error instanceof Error
        ? `${error.message}${(error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : ''}`
        : String(error);
    cli.stderr.write(`vigie ${name}: ${t(cli.locale ?? 'en', 'cli.error.internal', { reason })}\n`);
    if (debugOf(process.env) && error instanceof Error) cli.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
