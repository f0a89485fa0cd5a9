import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/sentiment/types.js';
import type { Handler } from './handler.js';
import { refuse } from './kit.js';

/** The label words a person may type, in the languages of the catalogue. */
const LABEL_WORDS: Record<string, SentimentLabel> = {
  positive: 'positive',
  neutral: 'neutral',
  negative: 'negative',
  positif: 'positive',
  neutre: 'neutral',
  negatif: 'negative',
  négatif: 'negative',
};

/** `correct <post> positive|neutral|negative`: the same path as the "wrong sentiment" menu of an alert's evidence. */
export const correct: Handler<'correct'> = async (command, ctx, kit) => {
  const label = LABEL_WORDS[command.label];
  if (!label) return refuse({ key: 'corr.error.label', params: { value: command.label, expected: SENTIMENT_LABELS.join(', ') } });
  return kit.deps.corrections.correct(command.post, label, ctx);
};
