/**
 * Rule fallback for languages the model was not trained on: emoji and emoticons carry sentiment across languages,
 * words do not. Deliberately small and explicit; the result says `<code>+fallback` so nobody mistakes it for the model.
 */
import { MARKERS } from './normalise.js';
import type { SentimentLabel } from './types.js';

const POSITIVE = new Set([
  MARKERS.emoticonPositive,
  MARKERS.laugh,
  '😀',
  '😁',
  '😂',
  '🤣',
  '😃',
  '😄',
  '😅',
  '😆',
  '😉',
  '😊',
  '😋',
  '😍',
  '😘',
  '🥰',
  '😗',
  '😙',
  '😚',
  '🙂',
  '🤗',
  '🤩',
  '😎',
  '🥳',
  '👍',
  '👏',
  '🙌',
  '💪',
  '🎉',
  '🎊',
  '❤',
  '🧡',
  '💛',
  '💚',
  '💙',
  '💜',
  '💖',
  '💕',
  '💗',
  '💓',
  '💞',
  '😻',
  '✨',
  '🌹',
  '🏆',
  '✅',
  '💯',
  '🔥',
]);
const NEGATIVE = new Set([
  MARKERS.emoticonNegative,
  '😞',
  '😟',
  '😠',
  '😡',
  '🤬',
  '😢',
  '😭',
  '😤',
  '😩',
  '😫',
  '😒',
  '🙄',
  '😔',
  '😕',
  '🙁',
  '☹',
  '😣',
  '😖',
  '😓',
  '😰',
  '😨',
  '😱',
  '🤮',
  '🤢',
  '💔',
  '👎',
  '😑',
  '😐',
  '🤦',
  '😪',
  '😿',
  '🖕',
  '❌',
  '⚠',
]);

export interface FallbackResult {
  label: SentimentLabel;
  confidence: number;
}

/** Majority of polar emoji/emoticons among the tokens; neutral when none or tied. */
export function lexiconSentiment(tokens: readonly string[]): FallbackResult {
  let positive = 0;
  let negative = 0;
  for (const token of tokens) {
    if (POSITIVE.has(token)) positive++;
    else if (NEGATIVE.has(token)) negative++;
  }
  const total = positive + negative;
  if (positive === negative) return { label: 'neutral', confidence: total === 0 ? 0.5 : 0.4 };
  const label: SentimentLabel = positive > negative ? 'positive' : 'negative';
  // Laplace-smoothed share of the winning polarity, so one emoji is not "certain".
  return { label, confidence: (Math.max(positive, negative) + 1) / (total + 2) };
}
