import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVigie } from '../support/process.js';

/** Local mode is a conversation on the terminal: the log lines must not interleave with it. */
describe('local mode streams', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vigie-streams-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes the conversation to stdout and JSON log lines to stderr (not a terminal), at LOG_LEVEL', async () => {
    const vigie = startVigie(['start'], { VIGIE_DATA_DIR: folder, PORT: '0', LOG_LEVEL: 'info' }, { cwd: folder });
    try {
      await vigie.waitFor(/local mode \(/);
      vigie.send('watch acme Acme');
      await vigie.waitFor(/Plan \*acme\* created/);
      vigie.send('list');
      await vigie.waitFor(/\*acme\*: active/);
    } finally {
      expect(await vigie.stop()).toBe(0);
    }
    const outLines = vigie.stdout().split('\n').filter(Boolean);
    expect(outLines.length).toBeGreaterThan(3);
    for (const line of outLines) expect(line, line).not.toMatch(/^\{"level"/);
    const errLines = vigie.stderr().split('\n').filter(Boolean);
    expect(errLines.length).toBeGreaterThan(0);
    const logs = errLines.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(logs.map((l) => l.msg)).toContain('vigie started');
    expect(logs.map((l) => l.level)).toContain('info');

    const quiet = startVigie(['start'], { VIGIE_DATA_DIR: folder, PORT: '0', LOG_LEVEL: 'warn' }, { cwd: folder });
    try {
      await quiet.waitFor(/local mode \(/);
      quiet.send('list');
      await quiet.waitFor(/\*acme\*: active/);
    } finally {
      await quiet.stop();
    }
    expect(quiet.stdout()).toContain('Vigie is running in local mode');
    expect(quiet.stderr()).not.toContain('vigie started');
  }, 60_000);
});
