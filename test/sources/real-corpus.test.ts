import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureBytes, provenance } from '../fakes/fixture-server.js';

/**
 * The corpus of real payloads stays honest: every file has its provenance and every entry its file, byte
 * sizes match, and every fixture goes through an adapter in a test. Kinds below three recorded answers are
 * listed with why: no public recording with a citable origin was found.
 */
const KINDS = ['rss2', 'rss1', 'atom', 'galerts', 'gnews', 'reddit', 'hn', 'mastodon', 'bluesky', 'youtube', 'gdelt', 'x', 'petitions'];
const KNOWN_GAPS: Record<string, string> = {
  galerts:
    'one public recording found (feedjira); feed-parser test corpora, Google Alerts client repositories and test fixtures hold only hand-made stand-ins or copies without a licence',
  gdelt:
    'no recorded DOC 2.0 answer with a usable licence found: client libraries test against the live API, the gdelt*.json test fixtures found are hand-made (example.com) or re-serialised without a licence',
  petitions:
    'one saved petition page found (mesopinions, trafilatura); no saved change.org or Avaaz petition page in extraction benchmarks or scraper repositories',
};

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(`${dir}${entry.name}/`, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe('real payload corpus', () => {
  const entries = provenance();

  it('has a provenance entry for every file and a file for every entry, with the recorded size', () => {
    const files = filesUnder(FIXTURES_DIR).filter((f) => f !== 'provenance.json' && f !== '.gitattributes');
    expect(files.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.file).sort()).toEqual(files.sort());
    for (const entry of entries) {
      expect(entry.file.startsWith(`${entry.kind}/`)).toBe(true);
      expect(fixtureBytes(entry.file).length).toBe(entry.bytes);
    }
  });

  it('has at least three recorded answers per kind, except the gaps it names', () => {
    const fewerThanThree = KINDS.filter((kind) => entries.filter((e) => e.kind === kind).length < 3);
    expect(fewerThanThree.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('sends every fixture through an adapter in a test', () => {
    const testsDir = fileURLToPath(new URL('./', import.meta.url));
    const tests = readdirSync(testsDir)
      .filter((f) => f.endsWith('-real.test.ts'))
      .map((f) => readFileSync(`${testsDir}${f}`, 'utf8'))
      .join('\n');
    expect(tests.length).toBeGreaterThan(0);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(tests, entry.file).toContain(`'${entry.file}'`);
  });
});
