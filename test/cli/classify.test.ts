import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classify, classifyWith } from '../../src/cli/classify.js';
import type { SentimentClassifier } from '../../src/core/sentiment/types.js';

// Deterministic stand-in: the CLI's behaviour (streaming, pass-through, errors) is under test here, not the model.
const stub: SentimentClassifier = {
  classify: (text, lang) => ({
    label: text.includes('bad') ? 'negative' : 'neutral',
    confidence: 0.87654321,
    lang: lang ?? 'und',
  }),
};

async function run(input: string, args: string[] = [], command = classifyWith(() => stub)) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await command(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('vigie classify', () => {
  it('passes every input field through and adds label, confidence and lang', async () => {
    const { code, stdout } = await run('{"id":7,"text":"bad day","meta":{"src":"x"}}\n{"text":"ok","lang":"fr"}\n');
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([
      { id: 7, text: 'bad day', meta: { src: 'x' }, label: 'negative', confidence: 0.8765, lang: 'und' },
      { text: 'ok', lang: 'fr', label: 'neutral', confidence: 0.8765 },
    ]);
  });

  it('refuses a --lang that is no language, listing the known codes, before reading any line (exit 2)', async () => {
    let loaded = false;
    const { code, stdout, stderr } = await run(
      '{"text":"bad"}\n',
      ['--lang', 'zz'],
      classifyWith(() => {
        loaded = true;
        return stub;
      }),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"zz" is not a language code Vigie knows');
    expect(stderr).toMatch(/Known codes: .*\bar, ary\b.*\bfr\b/);
    expect(loaded).toBe(false);
    expect((await run('{"text":"a"}\n', ['--lang', 'fr-FR'])).code).toBe(0);
  });

  it('uses --lang for lines without their own lang', async () => {
    const { stdout } = await run('{"text":"a"}\n{"text":"b","lang":"ar"}\n', ['--lang', 'en']);
    expect(lines(stdout).map((l) => l.lang)).toEqual(['en', 'ar']);
  });

  it('reports bad lines with their number on stderr, skips them, and goes on', async () => {
    const input = ['{"text":"first"}', 'not json', '[1,2]', '{"txt":"no text"}', '{"text":"x","lang":5}', '{"text":"last"}'].join('\n');
    const { code, stdout, stderr } = await run(input);
    expect(code).toBe(3);
    expect(lines(stdout).map((l) => l.text)).toEqual(['first', 'last']);
    for (const n of [2, 3, 4, 5]) expect(stderr).toContain(`line ${n}:`);
    expect(stderr).not.toContain('line 1:');
    expect(stderr).not.toContain('line 6:');
  });

  it('tells the loader whether --lang was given, so language-id data loads only when needed', async () => {
    const calls: boolean[] = [];
    const command = classifyWith((langGiven) => {
      calls.push(langGiven);
      return stub;
    });
    await run('{"text":"x"}\n', ['--lang', 'fr'], command);
    await run('{"text":"x"}\n', [], command);
    expect(calls).toEqual([true, false]);
  });

  it('writes nothing and exits 0 on empty input', async () => {
    const { code, stdout, stderr } = await run('');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });

  it('exits 1 when every line is invalid', async () => {
    const { code, stdout, stderr } = await run('not json\n{"txt":"no text"}\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('2 bad line(s) skipped of 2');
  });

  it('rejects unknown arguments with usage and exit code 2', async () => {
    const { code, stderr } = await run('{"text":"x"}\n', ['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --bogus\nUsage: vigie classify');
  });

  it('labels with the shipped model by default', async () => {
    const { stdout } = await run('{"text":"I love this, thank you!","lang":"en"}\n', [], classify);
    const [line] = lines(stdout);
    expect(['negative', 'neutral', 'positive']).toContain(line!.label);
    expect(line!.lang).toBe('en');
  });
});
