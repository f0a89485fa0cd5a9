import { normalise } from './normalise.js';
import { markPolarity, type PolarityLexicon } from './polarity.js';
import { tokenise } from './tokenise.js';

/** The tokens the model sees for a post, the same in training and serving: normalised, tokenised, polarity-marked. */
export function postTokens(text: string, lexicon: PolarityLexicon | undefined): string[] {
  const tokens = tokenise(normalise(text));
  return lexicon ? markPolarity(tokens, lexicon) : tokens;
}
