import { PassThrough } from 'node:stream';
import type { Subcommand } from '../../src/cli/io.js';

/** Runs a subcommand on in-memory streams and collects what it wrote. */
export async function run(command: Subcommand, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  input.end(stdin);
  const code = await command(args, { stdin: input, stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
