import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlaybookFile, loadPlaybooks, parsePlaybook, PlaybookError, SHIPPED_PLAYBOOK_DIR } from '../../src/drafting/playbook-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigie-playbooks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const shippedText = (lang: string): Promise<string> => readFile(path.join(SHIPPED_PLAYBOOK_DIR, `${lang}.yaml`), 'utf8');

async function failure(promise: Promise<unknown>): Promise<PlaybookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlaybookError);
  return error as PlaybookError;
}

describe('loadPlaybooks', () => {
  it('loads the shipped playbook of every language without a team folder', async () => {
    const playbooks = await loadPlaybooks();
    expect(Object.keys(playbooks).sort()).toEqual(['ar', 'en', 'fr']);
    expect(playbooks.fr.playbook.language).toBe('fr');
    expect(playbooks.en.file).toBe(path.join(SHIPPED_PLAYBOOK_DIR, 'en.yaml'));
  });

  it("uses the team's file for a language it provides and the shipped one for the others", async () => {
    const own = (await shippedText('fr')).replace('name: Playbook Vigie par défaut (français)', 'name: Playbook de la com');
    await writeFile(path.join(dir, 'fr.yml'), own);
    const playbooks = await loadPlaybooks({ dir });
    expect(playbooks.fr.playbook.name).toBe('Playbook de la com');
    expect(playbooks.fr.file).toBe(path.join(dir, 'fr.yml'));
    expect(playbooks.en.file).toBe(path.join(SHIPPED_PLAYBOOK_DIR, 'en.yaml'));
  });

  it('accepts a JSON playbook', async () => {
    const { parse } = await import('yaml');
    await writeFile(path.join(dir, 'en.json'), JSON.stringify(parse(await shippedText('en'))));
    expect((await loadPlaybooks({ dir })).en.file).toBe(path.join(dir, 'en.json'));
  });

  it('names the file, the path inside it, the line and the problem for a bad playbook', async () => {
    const bad = (await shippedText('en')).replace('We will post an update here by {next_update}.', 'Update by {next_udpate}.');
    const file = path.join(dir, 'en.yaml');
    await writeFile(file, bad);
    const error = await failure(loadPlaybooks({ dir }));
    expect(error.code).toBe('playbook_invalid');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([expect.stringMatching(/^holding\.low \(line \d+\): unknown fact \{next_udpate\}/)]);
  });

  it('reports YAML syntax errors with their position', async () => {
    await writeFile(path.join(dir, 'en.yaml'), 'language: en\nname: [unclosed\n');
    const error = await failure(loadPlaybooks({ dir }));
    expect(error.code).toBe('playbook_syntax');
    expect(error.problems[0]).toMatch(/line \d+/);
  });

  it('refuses a file whose language does not match its name', async () => {
    await writeFile(path.join(dir, 'en.yaml'), await shippedText('fr'));
    const error = await failure(loadPlaybooks({ dir }));
    expect(error.problems).toEqual(['language: the file is named for "en" but declares language "fr"']);
  });

  it('says which setting to check when the folder is missing', async () => {
    const error = await failure(loadPlaybooks({ dir: path.join(dir, 'nope') }));
    expect(error.code).toBe('playbook_dir_missing');
    expect(error.message).toMatch(/VIGIE_PLAYBOOK_DIR/);
  });
});

describe('parsePlaybook and loadPlaybookFile', () => {
  it('reports a missing key on its parent, with a line', () => {
    const text = 'language: en\nname: x\n';
    expect(() => parsePlaybook(text, 'inline.yaml')).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/^categories \(line 1\): /)]) }),
    );
  });

  it('reports an unreadable file', async () => {
    const error = await failure(loadPlaybookFile(path.join(dir, 'missing.yaml')));
    expect(error.code).toBe('playbook_unreadable');
  });
});
