/** Classification figures for the sentiment benchmark and training: per-class and macro-averaged. */
import { LABELS } from './model.js';
import type { SentimentLabel } from './types.js';

export interface Evaluation {
  count: number;
  accuracy: number;
  macroRecall: number;
  macroF1: number;
  negativePrecision: number;
  negativeRecall: number;
}

export function evaluate(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): Evaluation {
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  for (const [i, g] of gold.entries()) confusion[LABELS.indexOf(g)]![LABELS.indexOf(predicted[i]!)]!++;
  const precision = LABELS.map((_, c) => {
    const column = confusion.reduce((s, row) => s + row[c]!, 0);
    return column === 0 ? 0 : confusion[c]![c]! / column;
  });
  const recall = LABELS.map((_, c) => {
    const row = confusion[c]!.reduce((s, x) => s + x, 0);
    return row === 0 ? 0 : confusion[c]![c]! / row;
  });
  const f1 = LABELS.map((_, c) => {
    const p = precision[c]!;
    const r = recall[c]!;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  });
  const correct = LABELS.reduce((s, _, c) => s + confusion[c]![c]!, 0);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    count: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroRecall: mean(recall),
    macroF1: mean(f1),
    negativePrecision: precision[0]!,
    negativeRecall: recall[0]!,
  };
}
