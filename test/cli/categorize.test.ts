import { describe, expect, it } from 'vitest';
import { categorize } from '../../src/cli/categorize.js';
import { run } from './respond-io.js';

describe('vigie categorize', () => {
  it('adds a category to each line with a text and keeps the other fields', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'My bag never arrived' }),
      JSON.stringify({ id: 'b', text: 'Vol annulé sans prévenir', lang: 'fr' }),
      JSON.stringify({ id: 'c', text: 'ألغيت رحلتي' }),
    ].join('\n');
    const { code, stdout, stderr } = await run(categorize, [], input);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'a', text: 'My bag never arrived', category: 'lost_damaged' },
      { id: 'b', text: 'Vol annulé sans prévenir', lang: 'fr', category: 'cancellation' },
      { id: 'c', text: 'ألغيت رحلتي', category: 'cancellation' },
    ]);
  });

  it('reports bad lines on stderr with their number, skips them and goes on', async () => {
    const input = ['{"text":"flight delayed"}', 'not json', '[1,2]', '{"title":"no text"}', '', '{"text":"rude staff"}'].join('\n');
    const { code, stdout, stderr } = await run(categorize, [], input);
    expect(code).toBe(3);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/line 2: invalid JSON/);
    expect(stderr).toMatch(/line 3: expected a JSON object/);
    expect(stderr).toMatch(/line 4: missing string field "text"/);
    expect(stderr).toMatch(/3 bad line\(s\) skipped of 5/);
  });

  it('explains each decision with --explain', async () => {
    const { stdout } = await run(categorize, ['--explain'], '{"text":"The flight attendant was rude"}');
    const line = JSON.parse(stdout) as { category: string; categoryCues: Array<{ phrase: string; source: string; weight: number }> };
    expect(line.category).toBe('staff_conduct');
    expect(line.categoryCues.map((c) => c.phrase.toLowerCase())).toContain('rude');
  });

  it('rejects an unknown argument with the usage', async () => {
    const { code, stderr } = await run(categorize, ['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option --bogus\nUsage: vigie categorize/);
  });

  it('exits 1 when lines came and none could be used', async () => {
    const { code, stdout } = await run(categorize, [], 'not json\n{"title":"no text"}\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });
});

describe('vigie categorize on a line too long', () => {
  it('skips a 7 MB line unread, with its number, and goes on', async () => {
    const huge = JSON.stringify({ text: `refund ${'a'.repeat(7 * 1024 * 1024)}` });
    const { code, stdout, stderr } = await run(categorize, [], `${huge}\n{"text":"they lost my bag"}\n`);
    expect(code).toBe(3);
    expect(stderr).toContain(`line 1: line too long (${huge.length} characters, at most 100000); skipped`);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const alone = await run(categorize, [], `${huge}\n`);
    expect(alone.code).toBe(1);
  });
});
