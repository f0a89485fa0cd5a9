import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A `vigie` process driven through its stdin, with everything it printed kept for assertions. */
export interface VigieProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  send(line: string): void;
  /** Wait until stdout matches, or fail after `timeoutMs` with what was printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<number | null>;
  /** The exit code, once the process ends by itself. */
  exited: Promise<number | null>;
}

/** `cwd`: the working folder, where the bin looks for `.env` (the repository by default). */
export function startVigie(args: string[], env: Record<string, string>, options: { cwd?: string } = {}): VigieProcess {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/vigie.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    send: (line) => child.stdin.write(`${line}\n`),
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`timed out waiting for ${pattern}\n--- stdout ---\n${out}\n--- stderr ---\n${err.slice(-4000)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
