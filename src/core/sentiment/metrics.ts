/**
 * Classification figures for the sentiment benchmark and training: per-class and macro-averaged. Macro averages run
 * over the classes present in the gold labels, so a binary corpus (no neutral rows) is scored on its two classes,
 * with a neutral prediction counted as a miss.
 */
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
  const support = LABELS.map((_, c) => confusion[c]!.reduce((s, x) => s + x, 0));
  const precision = LABELS.map((_, c) => {
    const column = confusion.reduce((s, row) => s + row[c]!, 0);
    return column === 0 ? 0 : confusion[c]![c]! / column;
  });
  const recall = LABELS.map((_, c) => (support[c] === 0 ? 0 : confusion[c]![c]! / support[c]!));
  const f1 = LABELS.map((_, c) => {
    const p = precision[c]!;
    const r = recall[c]!;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  });
  const present = LABELS.map((_, c) => c).filter((c) => support[c]! > 0);
  const correct = LABELS.reduce((s, _, c) => s + confusion[c]![c]!, 0);
  const macro = (xs: number[]) => (present.length === 0 ? 0 : present.reduce((s, c) => s + xs[c]!, 0) / present.length);
  return {
    count: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroRecall: macro(recall),
    macroF1: macro(f1),
    negativePrecision: precision[0]!,
    negativeRecall: recall[0]!,
  };
}
