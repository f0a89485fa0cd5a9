/**
 * Rule fallback for languages the model was not trained on: emoji and emoticons carry sentiment across languages,
 * words do not. Deliberately small and explicit; the result says `<code>+fallback` so nobody mistakes it for the model.
 */
import { MARKERS } from './normalise.js';
import type { SentimentLabel } from './types.js';

/** Emoji and emoticon markers read as positive (in-house list), also used as polarity markers by polarity.ts. */
export const POSITIVE_EMOJI: ReadonlySet<string> = new Set([
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
/** Emoji and emoticon markers read as negative (in-house list). */
export const NEGATIVE_EMOJI: ReadonlySet<string> = new Set([
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
    if (POSITIVE_EMOJI.has(token)) positive++;
    else if (NEGATIVE_EMOJI.has(token)) negative++;
  }
  const total = positive + negative;
  if (positive === negative) return { label: 'neutral', confidence: total === 0 ? 0.5 : 0.4 };
  const label: SentimentLabel = positive > negative ? 'positive' : 'negative';
  // Laplace-smoothed share of the winning polarity, so one emoji is not "certain".
  return { label, confidence: (Math.max(positive, negative) + 1) / (total + 2) };
}
