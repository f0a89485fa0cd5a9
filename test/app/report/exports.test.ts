import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, csvCell, exportRows, toCsv, toJsonl } from '../../../src/app/report/exports.js';
import type { Incident, Sample } from '../../../src/core/incident/incident.js';

const sample = (text: string, over: Partial<Sample> = {}): Sample => ({
  id: text,
  sourceKind: 'x',
  url: 'https://x.com/a/status/1',
  author: '@a',
  text,
  publishedAt: Date.UTC(2026, 11, 3, 9, 30),
  sentiment: 'negative',
  confidence: 0.8765,
  lang: 'fr',
  matched: ['brand', 'news'],
  ...over,
});

const incident = (samples: Sample[]): Incident =>
  ({
    id: 'inc-1',
    planId: 'p',
    status: 'resolved',
    openedAt: 0,
    lastBucketAt: 0,
    stage: 1,
    severity: { score: 10, level: 'low', parts: { size: 0, speed: 0, reach: 0, stage: 0 } },
    explanation: { metric: 'negative', windowMs: 0, observed: 0, expected: 0, spread: 0, ratio: 0, tailProbability: 0, threshold: 0 },
    counts: { negative: 0, total: 0, engagement: 0, expectedNegative: 0 },
    peak: { bucketStart: 0, negative: 0, expected: 0 },
    sources: [],
    samples,
  }) as unknown as Incident;

describe('exports', () => {
  it('neutralise cells a spreadsheet would run as a formula, and quote what CSV needs quoted', () => {
    const risky = ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
    expect(risky.map(csvCell)).toEqual([`"'=HYPERLINK(""http://evil"")"`, "'+1", "'-2+3", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('write the documented columns in order, a BOM, CRLF rows, oldest post first', async () => {
    const rows = await exportRows([incident([sample('later', { publishedAt: Date.UTC(2026, 11, 3, 10) }), sample('=1+1 Acme, "really"')])]);
    expect(rows).toHaveLength(2);
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFFincident_id,published_at,source,author,text,url,language,sentiment,confidence,matched\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      `inc-1,2026-12-03T09:30:00.000Z,x,'@a,"'=1+1 Acme, ""really""",https://x.com/a/status/1,fr,negative,0.877,brand|news`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = toJsonl(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual([...EXPORT_COLUMNS]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ text: '=1+1 Acme, "really"', author: '@a', matched: 'brand|news' });
    expect(toJsonl([])).toBe('');
  });
});
