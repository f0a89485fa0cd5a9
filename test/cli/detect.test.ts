import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/cli/detect.js';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

async function runDetect(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await detect(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out: out(), err: err() };
}

/** Three days of 5-minute counts around 20 with a daily rhythm, and a storm on the last afternoon. */
function csv(): { text: string; stormRow: number; rows: number } {
  const start = Date.UTC(2015, 2, 2);
  const lines = ['timestamp,value'];
  const rows = 3 * 288;
  const stormRow = 2 * 288 + 15 * 12;
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    const hour = (i % 288) / 12;
    let value = Math.round(20 + 10 * Math.sin((hour / 24) * 2 * Math.PI) + ((i * 7919) % 5) - 2);
    if (i >= stormRow && i < stormRow + 6) value += 400;
    lines.push(`${at},${value}`);
  }
  return { text: `${lines.join('\n')}\n`, stormRow, rows };
}

describe('vigie detect', () => {
  it('writes timestamp,anomaly_score for every row; ≥ 0.5 exactly where the bot would alert', async () => {
    const { text, stormRow, rows } = csv();
    const { code, out, err } = await runDetect(['--bucket', '5m'], text);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('timestamp,anomaly_score');
    expect(lines).toHaveLength(rows + 1);
    const inputTimestamps = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(inputTimestamps);
    const alerts = lines.slice(1).flatMap((l, i) => (Number(l.split(',')[1]) >= 0.5 ? [i] : []));
    // One alert as the storm starts (its first 15 minutes); none in the quiet rhythm before.
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts[0]).toBeGreaterThanOrEqual(stormRow);
    expect(alerts[0]).toBeLessThan(stormRow + 3);
    expect(alerts.length).toBeLessThanOrEqual(2);
  });

  it('reads a file given with --input, and explains each row with --explain', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-detect-'));
    const file = path.join(dir, 'series.csv');
    writeFileSync(file, csv().text);
    const { code, out } = await runDetect(['--input', file, '--explain', '--sensitivity', 'low']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('timestamp,anomaly_score,event,observed,expected,window_min,tail_probability');
    const opened = lines.find((l) => l.split(',')[2] === 'opened');
    expect(opened).toBeDefined();
    expect(Number(opened!.split(',')[6])).toBeLessThan(1e-6);
  });

  it('rejects bad arguments and bad rows with a clear message and a non-zero code', async () => {
    const usage = await runDetect(['--bucket', 'soon']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--bucket: "soon" is not a duration');
    const header = await runDetect([], 'time,count\n2015-01-01 00:00:00,3\n');
    expect(header.code).toBe(1);
    expect(header.err).toContain('line 1');
    const row = await runDetect([], 'timestamp,value\n2015-01-01 00:00:00,3\n2015-01-01 00:05:00,lots\n');
    expect(row.code).toBe(1);
    expect(row.err).toContain('line 3: "lots" is not a count');
    expect(row.out).toBe('');
    const missing = await runDetect(['--input', '/nonexistent/file.csv']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read /nonexistent/file.csv');
  });

  it('scores out-of-order rows 0 and says so, still one output row per input row', async () => {
    const input = 'timestamp,value\n2015-01-01 00:05:00,3\n2015-01-01 00:00:00,4\n2015-01-01 00:10:00,5\n';
    const { code, out, err } = await runDetect([], input);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(4);
    expect(out.trim().split('\n')[2]).toBe('2015-01-01 00:00:00,0.0000');
    expect(err).toContain('1 row(s)');
  });
});
