import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggest, suggestWith } from '../../src/cli/suggest.js';
import { SHIPPED_PLAYBOOK_DIR } from '../../src/drafting/playbook-files.js';
import { scenarios } from '../core/respond/fixtures/incidents.js';
import { draftsOf, startOpenAiFake, type OpenAiFake } from '../fakes/openai.js';
import { run } from './respond-io.js';

let dir: string;
let fake: OpenAiFake;
const [delay, , , privacy] = scenarios();
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigie-suggest-'));
  await writeFile(path.join(dir, 'delay.json'), JSON.stringify({ incident: delay!.incident, plan: delay!.plan }));
  await writeFile(path.join(dir, 'privacy.json'), JSON.stringify(privacy!.incident));
  await writeFile(path.join(dir, 'plan-fr.json'), JSON.stringify(privacy!.plan));
  fake = await startOpenAiFake();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await fake.close();
});

const NOW = ['--now', '2026-03-14T10:15:00Z'];

describe('vigie suggest', () => {
  it('prints the category, its evidence and the drafts in the plan language', async () => {
    const { code, stdout } = await run(suggest, ['--incident', path.join(dir, 'delay.json'), ...NOW]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Category: Outage or delays/);
    expect(stdout).toContain('Why (phrases and posts that decided it)');
    expect(stdout).toContain('https://x.com/user1/status/1001');
    for (const heading of ['== Holding statement', '== Reply to the first complainers', '== Internal brief', '== Next steps', '== Do not']) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain('[12:15 UTC]');
  });

  it('switches language with --lang and takes the plan from --plan', async () => {
    const { code, stdout } = await run(suggest, [
      '--incident',
      path.join(dir, 'privacy.json'),
      '--plan',
      path.join(dir, 'plan-fr.json'),
      '--lang',
      'fr',
      ...NOW,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Catégorie : Données personnelles/);
    expect(stdout).toContain("== Déclaration d'attente");
    expect(stdout).toContain('Banque Exemple');
    // The plan's time zone: 10:15 UTC is 11:15 in Paris, and a critical incident is updated within 30 minutes.
    expect(stdout).toContain('[11:45 Europe/Paris]');
  });

  it('leaves brand and owner as placeholders without a plan', async () => {
    const { stdout } = await run(suggest, ['--incident', path.join(dir, 'privacy.json'), '--lang', 'en', ...NOW]);
    expect(stdout).toContain('about [brand]');
    expect(stdout).toContain('Owner: [owner]');
  });

  it('prints JSON with --json', async () => {
    const { stdout } = await run(suggest, ['--incident', path.join(dir, 'delay.json'), '--json', ...NOW]);
    const out = JSON.parse(stdout) as { template: { categorization: { category: string }; polished: boolean } };
    expect(out.template.categorization.category).toBe('outage_delay');
    expect(out.template.polished).toBe(false);
  });

  it('adds the polished drafts after the template when an LLM is configured', async () => {
    fake.respondWith(({ messages }) => {
      const d = draftsOf(messages);
      return JSON.stringify({ ...d, holding: d.holding.replace('We are aware of', 'We know about') });
    });
    const command = suggestWith({ llm: { baseUrl: fake.baseUrl, model: 'm', timeoutMs: 2_000 } });
    const { stdout } = await run(command, ['--incident', path.join(dir, 'delay.json'), ...NOW]);
    // Both headings are there: an index of -1 would make the order below hold for nothing.
    expect(stdout).toContain('Template drafts');
    expect(stdout).toContain('Rewritten by the language model');
    expect(stdout.indexOf('Template drafts')).toBeLessThan(stdout.indexOf('Rewritten by the language model'));
    expect(stdout).toContain('We know about delays');
  });

  it("uses the team's playbook folder and reports a bad playbook clearly", async () => {
    const team = path.join(dir, 'team');
    await import('node:fs/promises').then((fs) => fs.mkdir(team));
    const text = await readFile(path.join(SHIPPED_PLAYBOOK_DIR, 'en.yaml'), 'utf8');
    await writeFile(path.join(team, 'en.yaml'), text.replace('Reach: {reach} engagements', 'Reach: {audience} engagements'));
    const { code, stderr } = await run(suggestWith({ playbookDir: team }), ['--incident', path.join(dir, 'delay.json'), ...NOW]);
    expect(code).toBe(1);
    expect(stderr).toContain(path.join(team, 'en.yaml'));
    expect(stderr).toMatch(/brief \(line \d+\): unknown fact \{audience\}/);
  });

  it('reports a missing, unreadable or invalid incident file', async () => {
    expect((await run(suggest, [])).stderr).toMatch(/missing --incident/);
    const missing = await run(suggest, ['--incident', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ id: 'x' }));
    const invalid = await run(suggest, ['--incident', path.join(dir, 'bad.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/is not a valid incident: planId: /);
    expect((await run(suggest, ['--incident', 'x', '--lang', 'de'])).stderr).toMatch(/unknown language "de"/);
  });
});
