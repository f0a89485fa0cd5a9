import { parseArgs } from 'node:util';
import { type MessageKey, t } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { CliIO, Subcommand } from './io.js';

/** The exit codes every subcommand uses, and documents in its `--help`. */
export const EXIT = {
  /** Everything was done. */
  ok: 0,
  /** Nothing or not all could be done: settings, input or data could not be used (the message says which). */
  failed: 1,
  /** Wrong usage: an unknown option, a missing or invalid argument. Nothing was done. */
  usage: 2,
  /** Done, but some input lines were skipped (each one is reported on stderr). */
  partial: 3,
} as const;
export type ExitName = keyof typeof EXIT;

interface OptionBase {
  short?: string;
  /** What the option does, from the catalogue. */
  help: MessageKey;
}
export type OptionSpec = (OptionBase & { type: 'boolean' }) | (OptionBase & { type: 'string'; default?: string; placeholder: string });
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed values, typed from the specs: booleans are always set; strings only when given or defaulted. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { default: string } ? string : string | undefined;
};

export interface CommandDefinition<O extends OptionSpecs> {
  name: string;
  summary: MessageKey;
  /** The synopsis after `vigie`, e.g. `classify [--lang xx] < in.jsonl > out.jsonl`. */
  synopsis: string;
  options: O;
  /** Words allowed after the options (none by default). */
  positionals?: { max: number };
  /** The exit codes this command can end with, listed in its help. */
  exits: readonly ExitName[];
  run(values: OptionValues<O>, positionals: string[], io: CliIO): Promise<number>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'cli.opt.help' };

function optionLine(name: string, spec: OptionSpec, locale: Locale): string {
  const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` <${spec.placeholder}>` : ''}`;
  const fallback = spec.type === 'string' && spec.default !== undefined ? ` (${t(locale, 'cli.help.default', { value: spec.default })})` : '';
  return `  ${flag.padEnd(30)} ${t(locale, spec.help)}${fallback}`;
}

export function helpText<O extends OptionSpecs>(def: CommandDefinition<O>, locale: Locale): string {
  const options = Object.entries({ ...def.options, help: HELP_OPTION }).map(([name, spec]) => optionLine(name, spec, locale));
  const exits = def.exits.map((name) => `  ${EXIT[name]}  ${t(locale, `cli.exit.${name}`)}`);
  return [
    `vigie ${def.name}: ${t(locale, def.summary)}`,
    '',
    t(locale, 'cli.help.usage', { synopsis: `vigie ${def.synopsis}` }),
    '',
    t(locale, 'cli.help.options'),
    ...options,
    '',
    t(locale, 'cli.help.exits'),
    ...exits,
    '',
  ].join('\n');
}

/** Node's parseArgs errors, said in the user's language; the option they name is kept as typed. */
function usageError(error: unknown, locale: Locale): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t(locale, 'cli.error.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return t(locale, 'cli.error.optionValue', { option: /--[\w-]+/.exec(message)?.[0] ?? option });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t(locale, 'cli.error.positional', { word: /'([^']*)'/.exec(message)?.[1] ?? '' });
  return message;
}

/**
 * A subcommand on `node:util` parseArgs: strict (an unknown option is an error), its own `--help`, and one shape of
 * usage error — the problem, then the synopsis and a pointer to `--help`, exit code 2.
 */
export function defineCommand<O extends OptionSpecs>(def: CommandDefinition<O>): Subcommand {
  return async (args, io) => {
    const locale = io.locale ?? 'en';
    const config = Object.fromEntries(
      Object.entries({ ...def.options, help: HELP_OPTION }).map(([name, spec]) => [
        name,
        {
          type: spec.type,
          ...(spec.short ? { short: spec.short } : {}),
          ...(spec.type === 'string' && spec.default !== undefined ? { default: spec.default } : {}),
        },
      ]),
    );
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({ args, options: config, strict: true, allowPositionals: (def.positionals?.max ?? 0) > 0 });
    } catch (error) {
      return usage(def, io, usageError(error, locale));
    }
    if (parsed.values.help === true) {
      io.stdout.write(helpText(def, locale));
      return EXIT.ok;
    }
    if (parsed.positionals.length > (def.positionals?.max ?? 0)) {
      return usage(def, io, t(locale, 'cli.error.positional', { word: parsed.positionals.at(-1) ?? '' }));
    }
    const values = Object.fromEntries(
      Object.entries(def.options).map(([name, spec]) => [name, parsed.values[name] ?? (spec.type === 'boolean' ? false : undefined)]),
    ) as OptionValues<O>;
    return def.run(values, parsed.positionals, io);
  };
}

/** A usage error: what is wrong, how to call the command, exit code 2. */
export function usage<O extends OptionSpecs>(def: Pick<CommandDefinition<O>, 'name' | 'synopsis'>, io: CliIO, problem: string): number {
  const locale = io.locale ?? 'en';
  io.stderr.write(
    `vigie ${def.name}: ${problem}\n${t(locale, 'cli.help.usage', { synopsis: `vigie ${def.synopsis}` })}\n${t(locale, 'cli.help.more', { name: def.name })}\n`,
  );
  return EXIT.usage;
}
