import type { Readable, Writable } from 'node:stream';
import type { Locale } from '../i18n/locale.js';

/** The streams a CLI subcommand reads and writes: the process's own in `bin/vigie.js`, buffers in tests. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Language of help and messages (VIGIE_LOCALE); English when absent. */
  locale?: Locale;
}

/** A `vigie <name> …` subcommand: returns the process exit code. */
export type Subcommand = (args: string[], io: CliIO) => Promise<number>;
