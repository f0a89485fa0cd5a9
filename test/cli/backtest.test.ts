import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../src/cli/backtest.js';
import { run } from './respond-io.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 2);
const CALM = [
  'Just flew with Acme, smooth flight and friendly crew',
  'Acme lounge coffee is great this morning',
  'Booked my Acme trip to Lisbon for May',
];
const GRUMBLE = 'Acme lost my bag again, terrible service';
const ANGRY = [
  'Acme cancelled my flight and nobody answers, worst airline ever, absolutely furious',
  'Stuck four hours at the gate, Acme is a disgrace, terrible service and rude staff',
  'Never flying Acme again, awful, they lost my luggage and refuse any refund',
];
/** The burst: 60 angry posts from 14:00 to 14:30 on the third day. */
const BURST_AT = START + 2 * 24 * HOUR + 14 * HOUR;

let dir: string;
let planFile: string;
let mentionsFile: string;

/** Four calm days (a post every 20 minutes, one grumble in six), a burst on the third, and a bad line (line 3). */
function writeFiles(): void {
  dir = mkdtempSync(path.join(tmpdir(), 'vigie-backtest-'));
  planFile = path.join(dir, 'plan.json');
  mentionsFile = path.join(dir, 'mentions.jsonl');
  writeFileSync(planFile, JSON.stringify({ name: 'Acme', what: { brand: 'Acme' } }));
  const lines: string[] = [];
  for (let at = START, i = 0; at < START + 96 * HOUR; at += 20 * 60_000, i++) {
    const text = i % 6 === 5 ? GRUMBLE : CALM[i % CALM.length]!;
    lines.push(JSON.stringify({ id: `calm-${i}`, created_at: new Date(at).toISOString(), text, source: 'twitter', retweet_count: 0 }));
  }
  for (let i = 0; i < 60; i++) {
    lines.push(
      JSON.stringify({
        id: `burst-${i}`,
        created_at: new Date(BURST_AT + i * 30_000).toISOString(),
        text: ANGRY[i % ANGRY.length],
        source: 'twitter',
        retweet_count: i,
      }),
    );
  }
  lines.sort((a, b) => Date.parse(JSON.parse(a).created_at) - Date.parse(JSON.parse(b).created_at));
  lines.splice(2, 0, '{"created_at": "yesterday", "text": 42}');
  writeFileSync(mentionsFile, `${lines.join('\n')}\n`);
}

describe('vigie backtest', () => {
  beforeAll(writeFiles);

  it('prints the incident that would have opened, with its explanation, and resolved', async () => {
    const { code, stdout, stderr } = await run(backtest, ['--plan', planFile, '--mentions', mentionsFile, '--bucket', '5m']);
    // The fixture's bad line 3 is skipped: done, with a skipped line.
    expect(code).toBe(3);
    expect(stdout).toMatch(/matched plan "Acme"/);
    expect(stdout).toMatch(/1 incident\(s\)/);
    const opened = stdout.split('\n').findIndex((line) => /\bopened\b/.test(line));
    expect(opened).toBeGreaterThan(-1);
    const lines = stdout.split('\n');
    expect(lines[opened]).toMatch(/stage \d, severity (low|medium|high|critical) \d+\/100/);
    // The explanation under the event: observed against expected at this hour, over a window, and the tail.
    expect(lines[opened + 1]).toMatch(/\d+ negative posts in \d+ min vs [\d.]+ ± [\d.]+ expected at this hour on a \w+day \(×[\d.]+, p = /);
    expect(stdout).toMatch(/\bresolved\b/);
    expect(stderr).toMatch(/line 3: skipped/);
  }, 60_000);

  it('--json lists the opened and resolved events, the opening during the burst', async () => {
    const { code, stdout, stderr } = await run(backtest, ['--plan', planFile, '--mentions', mentionsFile, '--bucket', '5m', '--json']);
    // The fixture's bad line 3 is skipped: done, with a skipped line.
    expect(code).toBe(3);
    const result = JSON.parse(stdout) as {
      plan: string;
      events: Array<{ type: string; at: number; incident: { explanation: { observed: number; expected: number } } }>;
      incidents: unknown[];
    };
    expect(result.plan).toBe('Acme');
    expect(result.incidents).toHaveLength(1);
    const types = result.events.map((e) => e.type);
    expect(types[0]).toBe('opened');
    expect(types.at(-1)).toBe('resolved');
    const opened = result.events[0]!;
    expect(opened.at).toBeGreaterThanOrEqual(BURST_AT);
    expect(opened.at).toBeLessThan(BURST_AT + 30 * 60_000);
    expect(opened.incident.explanation.observed).toBeGreaterThan(opened.incident.explanation.expected);
    expect(stderr).toMatch(/line 3: skipped/);
  }, 60_000);

  it('--report-dir writes each incident’s report page, a file that opens without Vigie running', async () => {
    const reports = path.join(dir, 'reports');
    const { code, stderr } = await run(backtest, ['--plan', planFile, '--mentions', mentionsFile, '--bucket', '5m', '--report-dir', reports]);
    expect(code).toBe(3);
    const written = [...stderr.matchAll(/^report: (\S+\.html)$/gm)].map((m) => m[1]!);
    expect(written).toHaveLength(1);
    const html = readFileSync(written[0]!, 'utf8');
    expect(html).toContain('<title>Incident report: Acme</title>');
    expect(html.match(/data-part="negative"/g)?.length ?? 0).toBeGreaterThan(3);
    expect(html).toContain('Generated by Vigie at');
    expect(html).toContain('<h2>Suggested responses</h2>');
  });

  it('reports a bad line with its number on stderr and skips it', async () => {
    const { code, stderr } = await run(backtest, ['--plan', planFile, '--mentions', mentionsFile, '--bucket', '5m', '--json']);
    // The fixture's bad line 3 is skipped: done, with a skipped line.
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^line 3: skipped, .*(created_at|text)/);
  }, 60_000);

  it('exits 2 with the usage when an argument is missing', async () => {
    const noMentions = await run(backtest, ['--plan', planFile]);
    expect(noMentions.code).toBe(2);
    expect(noMentions.stderr).toMatch(/Usage: vigie backtest --plan plan\.json --mentions mentions\.jsonl/);
    const nothing = await run(backtest, []);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Usage:/);
    expect(nothing.stdout).toBe('');
  });

  it('refuses a missing or broken plan file and a bad query with one catalogue line, no stack, exit 1', async () => {
    const missing = await run(backtest, ['--plan', path.join(dir, 'nowhere.json'), '--mentions', mentionsFile]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`vigie backtest: cannot read ${path.join(dir, 'nowhere.json')}: ENOENT\n`);
    const brokenFile = path.join(dir, 'broken.json');
    writeFileSync(brokenFile, '{"what": ');
    const broken = await run(backtest, ['--plan', brokenFile, '--mentions', mentionsFile]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${brokenFile} is not valid JSON`);
    const badQuery = path.join(dir, 'bad-query.json');
    writeFileSync(badQuery, JSON.stringify({ what: { brand: 'Acme AND (' } }));
    const bad = await run(backtest, ['--plan', badQuery, '--mentions', mentionsFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('The brand query has an error');
    for (const result of [missing, broken, bad]) expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('skips a mentions line too long to read, with its number', async () => {
    const longFile = path.join(dir, 'long.jsonl');
    writeFileSync(longFile, `${JSON.stringify({ created_at: new Date(START).toISOString(), text: 'x'.repeat(200_000) })}\n`);
    const { code, stderr } = await run(backtest, ['--plan', planFile, '--mentions', longFile]);
    expect(code).toBe(1);
    expect(stderr).toContain('line 1: line too long');
  });
});

describe('vigie backtest with competitors', () => {
  it('prints a competitor’s own incident as context, and the share of voice, beside a calm brand', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'vigie-backtest-rivals-'));
    const plan = path.join(folder, 'plan.json');
    const file = path.join(folder, 'mentions.jsonl');
    writeFileSync(plan, JSON.stringify({ name: 'Acme', what: { brand: 'Acme', competitors: 'Globex' }, competitorAlerts: true }));
    const lines: string[] = [];
    for (let at = START, i = 0; at < START + 96 * HOUR; at += 20 * 60_000, i++) {
      lines.push(JSON.stringify({ id: `a-${i}`, created_at: new Date(at).toISOString(), text: CALM[i % CALM.length], source: 'twitter' }));
      const calm = CALM[i % CALM.length]!.replace('Acme', 'Globex');
      lines.push(JSON.stringify({ id: `g-${i}`, created_at: new Date(at + 60_000).toISOString(), text: calm, source: 'twitter' }));
    }
    for (let i = 0; i < 60; i++) {
      const text = ANGRY[i % ANGRY.length]!.replace('Acme', 'Globex');
      lines.push(JSON.stringify({ id: `s-${i}`, created_at: new Date(BURST_AT + i * 30_000).toISOString(), text, source: 'twitter' }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { code, stdout } = await run(backtest, ['--plan', plan, '--mentions', file, '--bucket', '5m']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ mentions, 288 matched plan "Acme", \d+ negative; 0 incident\(s\)/);
    expect(stdout).toMatch(/competitor Globex: its own incident opened 2026-03-04 14:\d\d UTC/);
    expect(stdout).toContain('(context: it may spill over)');
    expect(stdout).toMatch(/Acme \(brand\): 288, \d+%/);
    expect(stdout).toMatch(/Globex: 348, \d+%, \d+% negative/);
  });
});
