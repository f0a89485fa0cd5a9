import type { ReplyFile } from '../../core/commands/types.js';
import type { Incident, Sample } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import { incidentEvidence } from './evidence.js';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The columns of an export, in order (README, "Reports, history and exports"). Stable: a new column is added at
 * the end, none is renamed or removed.
 */
export const EXPORT_COLUMNS = [
  'incident_id',
  'published_at',
  'source',
  'author',
  'text',
  'url',
  'language',
  'sentiment',
  'confidence',
  'matched',
] as const;
export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number>;

/** At most this many incidents in a plan's export (the newest). */
export const PLAN_EXPORT_INCIDENTS = 500;

function rowOf(incident: Incident, sample: Sample): ExportRow {
  return {
    incident_id: incident.id,
    published_at: new Date(sample.publishedAt).toISOString(),
    source: sample.sourceKind,
    author: sample.author,
    text: sample.text,
    url: sample.url,
    language: sample.lang ?? '',
    sentiment: sample.sentiment,
    confidence: Math.round(sample.confidence * 1000) / 1000,
    matched: (sample.matched ?? []).join('|'),
  };
}

/** The rows of some incidents: each one's evidence, oldest post first. */
export async function exportRows(incidents: Incident[]): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for (const incident of incidents) {
    const posts = [...(await incidentEvidence(incident))].sort((a, b) => a.publishedAt - b.publishedAt);
    for (const post of posts) rows.push(rowOf(incident, post));
  }
  return rows;
}

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: a would-be formula gets a leading apostrophe, then RFC 4180 quoting when needed. */
export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends, with a UTF-8 byte-order mark so that Excel reads accents and Arabic. */
export function toCsv(rows: ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line, keys in column order. */
export function toJsonl(rows: ExportRow[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c]])))).join('\n') + (rows.length > 0 ? '\n' : '');
}

const SAFE_NAME = /[^\p{L}\p{N}_-]+/gu;

/** The file of an export: `vigie-<plan>-<incident or "all">-<date>.<format>`. */
export async function exportFile(
  plan: Plan,
  incidents: Incident[],
  scope: 'incident' | 'plan',
  format: ExportFormat,
  now: number,
): Promise<ReplyFile & { rows: number }> {
  const rows = await exportRows(incidents);
  const which = scope === 'plan' ? 'all' : (incidents[0]?.id.slice(0, 8) ?? 'none');
  const name = `vigie-${plan.name.replace(SAFE_NAME, '-')}-${which}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
  return format === 'csv'
    ? { name, contentType: 'text/csv; charset=utf-8', content: toCsv(rows), rows: rows.length }
    : { name, contentType: 'application/x-ndjson; charset=utf-8', content: toJsonl(rows), rows: rows.length };
}

/** What a signed export link opens: one incident, or a plan's stored incidents. */
export function exportSubject(scope: 'incident' | 'plan', id: string, format: ExportFormat): string {
  return `export:${scope}:${id}:${format}`;
}
