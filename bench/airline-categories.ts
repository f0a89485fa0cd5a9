import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CategoryId } from '../src/core/respond/types.js';

/** The mapping of the airline data set's complaint reasons to Vigie's categories; other reasons are left out. */
export const REASON_TO_CATEGORY: Record<string, CategoryId> = {
  'Late Flight': 'outage_delay',
  longlines: 'outage_delay',
  'Cancelled Flight': 'cancellation',
  'Customer Service Issue': 'customer_service',
  'Lost Luggage': 'lost_damaged',
  'Damaged Luggage': 'lost_damaged',
  'Flight Attendant Complaints': 'staff_conduct',
};
export const SCORED: CategoryId[] = ['outage_delay', 'cancellation', 'customer_service', 'lost_damaged', 'staff_conduct'];

export const DATA_FILE = path.resolve(fileURLToPath(import.meta.url), '../../../shared/data/airline/tweets.jsonl');

export interface LabelledTweet {
  id: string;
  text: string;
  gold: CategoryId;
}

/** The negative tweets of the five scored reasons, in file order; undefined when the shared data is absent. */
export function loadLabelledTweets(file = DATA_FILE): LabelledTweet[] | undefined {
  if (!existsSync(file)) return undefined;
  const out: LabelledTweet[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; sentiment: string; negativereason: string | null; text: string };
    const gold = row.sentiment === 'negative' && row.negativereason ? REASON_TO_CATEGORY[row.negativereason] : undefined;
    if (gold) out.push({ id: row.id, text: row.text, gold });
  }
  return out;
}

export interface Score {
  macroF1: number;
  perCategory: Array<{ category: CategoryId; precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted]; any predicted id outside the five counts as wrong. */
  confusion: Map<CategoryId, Map<CategoryId, number>>;
}

export function score(gold: CategoryId[], predicted: CategoryId[]): Score {
  const confusion = new Map<CategoryId, Map<CategoryId, number>>();
  gold.forEach((g, i) => {
    const row = confusion.get(g) ?? new Map<CategoryId, number>();
    row.set(predicted[i]!, (row.get(predicted[i]!) ?? 0) + 1);
    confusion.set(g, row);
  });
  const perCategory = SCORED.map((category) => {
    const tp = gold.filter((g, i) => g === category && predicted[i] === category).length;
    const predictedCount = predicted.filter((p) => p === category).length;
    const support = gold.filter((g) => g === category).length;
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { category, precision, recall, f1, support };
  });
  return { macroF1: perCategory.reduce((s, c) => s + c.f1, 0) / SCORED.length, perCategory, confusion };
}

export function formatScore(result: Score): string {
  const columns = [...SCORED, 'other*' as const];
  const lines = [`macro-F1 over the five: ${result.macroF1.toFixed(3)}`, ''];
  lines.push(['category', 'P', 'R', 'F1', 'n'].map((h, i) => (i === 0 ? h.padEnd(18) : h.padStart(7))).join(''));
  for (const c of result.perCategory) {
    lines.push(c.category.padEnd(18) + [c.precision, c.recall, c.f1].map((v) => v.toFixed(3).padStart(7)).join('') + String(c.support).padStart(7));
  }
  lines.push('', 'confusion (rows = gold, columns = predicted; other* = any id outside the five)');
  lines.push('gold \\ predicted'.padEnd(18) + columns.map((c) => c.slice(0, 12).padStart(13)).join(''));
  for (const g of SCORED) {
    const row = result.confusion.get(g) ?? new Map<CategoryId, number>();
    const outside = [...row.entries()].filter(([p]) => !SCORED.includes(p)).reduce((s, [, n]) => s + n, 0);
    lines.push(g.padEnd(18) + [...SCORED.map((p) => row.get(p) ?? 0), outside].map((n) => String(n).padStart(13)).join(''));
  }
  return lines.join('\n');
}
