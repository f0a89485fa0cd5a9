import type { Readable, Writable } from 'node:stream';

/** The streams a CLI subcommand reads and writes: the process's own in `bin/vigie.js`, buffers in tests. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** A `vigie <name> …` subcommand: returns the process exit code. */
export type Subcommand = (args: string[], io: CliIO) => Promise<number>;
