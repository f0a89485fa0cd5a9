import type { Readable, Writable } from 'node:stream';
import type { Locale } from '../i18n/locale.js';
import type { EnvFileOutcome } from './env-file.js';

/** The streams a CLI subcommand reads and writes: the process's own in `bin/vigie.js`, buffers in tests. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Language of help and messages (VIGIE_LOCALE); English when absent. */
  locale?: Locale;
  /** The `.env` file start-up read, or the folder where there was none (absent when none was looked for). */
  envFile?: EnvFileOutcome;
}

/** A `vigie <name> …` subcommand: returns the process exit code. */
export type Subcommand = (args: string[], io: CliIO) => Promise<number>;
