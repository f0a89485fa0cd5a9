import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defineCommand, EXIT } from '../../src/cli/command.js';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

function io(locale?: 'en' | 'fr'): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdin: new PassThrough(), stdout, stderr, ...(locale ? { locale } : {}), out: () => out, err: () => err };
}

const echo = defineCommand({
  name: 'echo',
  summary: 'cli.export.summary',
  synopsis: 'echo [--out file.json] [--loud]',
  options: {
    out: { type: 'string', short: 'o', placeholder: 'file.json', help: 'cli.export.opt.out' },
    loud: { type: 'boolean', help: 'cli.categorize.opt.explain' },
  },
  exits: ['ok', 'usage'],
  async run(values, _positionals, cli) {
    cli.stdout.write(JSON.stringify(values));
    return EXIT.ok;
  },
});

describe('subcommands on parseArgs', () => {
  it('parses long, short and inline forms into typed values', async () => {
    for (const args of [
      ['--out', 'a.json', '--loud'],
      ['-o', 'a.json', '--loud'],
      ['--out=a.json', '--loud'],
    ]) {
      const cli = io();
      expect(await echo(args, cli)).toBe(0);
      expect(JSON.parse(cli.out())).toEqual({ out: 'a.json', loud: true });
    }
    const bare = io();
    await echo([], bare);
    expect(JSON.parse(bare.out())).toEqual({ loud: false });
  });

  it('refuses an unknown flag, a missing value and a stray word with exit code 2 and the synopsis', async () => {
    const cases: Array<[string[], string]> = [
      [['--bogus'], 'unknown option --bogus'],
      [['--out'], 'the option --out needs a value'],
      [['stray'], 'unexpected argument "stray"'],
    ];
    for (const [args, problem] of cases) {
      const cli = io();
      expect(await echo(args, cli)).toBe(EXIT.usage);
      expect(cli.err()).toBe(`vigie echo: ${problem}\nUsage: vigie echo [--out file.json] [--loud]\nType \`vigie echo --help\` for the options.\n`);
      expect(cli.out()).toBe('');
    }
  });

  it('prints its own help with every option and exit code, in the user’s language', async () => {
    const en = io();
    expect(await echo(['--help'], en)).toBe(0);
    expect(en.out()).toContain('Usage: vigie echo [--out file.json] [--loud]');
    expect(en.out()).toMatch(/-o, --out <file\.json>\s+write the dump to this file/);
    expect(en.out()).toMatch(/-h, --help\s+show this help and exit/);
    expect(en.out()).toMatch(/ {2}2 {2}wrong usage/);
    const fr = io('fr');
    await echo(['-h'], fr);
    expect(fr.out()).toContain('Codes de sortie :');
  });

  it('every subcommand of the bin answers --help with its options and exit codes', async () => {
    const top = io();
    expect(await main([], top)).toBe(0);
    const names = [...top.out().matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!);
    expect(names).toEqual([
      'start',
      'classify',
      'categorize',
      'suggest',
      'detect',
      'backtest',
      'migrate',
      'export',
      'import',
      'rotate-secrets',
      'corrections',
    ]);
    for (const name of names) {
      const cli = io();
      expect(await main([name, '--help'], cli), name).toBe(0);
      expect(cli.out(), name).toContain(`Usage: vigie ${name}`);
      expect(cli.out(), name).toContain('Exit codes:');
    }
  });
});

describe('the README’s exit codes', () => {
  it('list, for every tool, exactly the codes its --help lists', async () => {
    const whole = await readFile(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const readme = whole.slice(whole.indexOf('Exit codes, per tool'), whole.indexOf('## Deploy'));
    // The rows of the exit-code table: a tool, then one cell per code 0 to 3.
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => ({
      name: m[1]!,
      codes: m
        .slice(2, 6)
        .map((cell, code) => (cell.trim() === '—' ? undefined : code))
        .filter((code) => code !== undefined),
    }));
    const top = io();
    await main([], top);
    const names = [...top.out().matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!);
    expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
    for (const { name, codes } of rows) {
      const cli = io();
      await main([name, '--help'], cli);
      const listed = [
        ...cli
          .out()
          .split('Exit codes:')[1]!
          .matchAll(/^ {2}(\d) {2}/gm),
      ].map((m) => Number(m[1]));
      expect(codes, name).toEqual(listed);
    }
  });
});
