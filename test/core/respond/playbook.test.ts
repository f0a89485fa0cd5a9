import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PlaybookSchema } from '../../../src/core/respond/playbook.js';

const dir = path.resolve(fileURLToPath(import.meta.url), '../../../../src/core/respond/playbooks');
const shipped = (lang: string): Record<string, unknown> => parse(readFileSync(path.join(dir, `${lang}.yaml`), 'utf8'));

function messages(value: unknown): string[] {
  const result = PlaybookSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('PlaybookSchema', () => {
  it.each(['en', 'fr', 'ar'])('accepts the shipped %s playbook', (lang) => {
    expect(messages(shipped(lang))).toEqual([]);
  });

  it('rejects a template citing a fact that does not exist', () => {
    const playbook = shipped('en');
    (playbook.holding as Record<string, string>).low = 'We are sorry, {customer_name}. Update by {next_update}.';
    expect(messages(playbook)).toEqual([expect.stringMatching(/^holding\.low: unknown fact \{customer_name\}/)]);
  });

  it('rejects digits written into a template', () => {
    const playbook = shipped('en');
    (playbook.holding as Record<string, string>).high = 'We will update you within 2 hours.';
    expect(messages(playbook)).toEqual([expect.stringMatching(/^holding\.high: digits are not allowed/)]);
  });

  it('rejects a forbidden phrasing anywhere but the "don\'t" list', () => {
    const playbook = shipped('en');
    (playbook.reply as Record<string, string>).forum = 'No comment, {author}.';
    expect(messages(playbook)).toEqual(['reply.forum: contains the forbidden phrasing "no comment"']);
  });

  it('requires every category and a placeholder in what only a human knows', () => {
    const playbook = shipped('fr');
    const categories = playbook.categories as Record<string, Record<string, string>>;
    delete categories.rumour;
    categories.other!.known = 'Tout va bien.';
    const found = messages(playbook);
    expect(found).toContainEqual(expect.stringMatching(/^categories\.rumour: /));
    expect(found).toContainEqual('categories.other.known: must contain a [placeholder] a human fills');
  });

  it('rejects unknown keys, so that a typo is not silently ignored', () => {
    const playbook = shipped('en');
    (playbook as Record<string, unknown>).holdings = {};
    expect(messages(playbook)).toEqual([expect.stringMatching(/holdings/)]);
  });
});
