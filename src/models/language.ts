/**
 * ELD (`eld` package, Apache-2.0, extra-small database) as the Latin-script language detector. Loaded on demand:
 * its n-gram data costs several hundred milliseconds of start-up, which callers that know their posts' language skip.
 * Chosen over franc-min and tinyld on UMSAB/TweetEval validation tweets (README, sentiment section).
 */
import type { LatinDetector } from '../core/sentiment/langid.js';
import { UNDETERMINED } from '../core/sentiment/langid.js';

export async function loadEldDetector(): Promise<LatinDetector> {
  const { eld } = await import('eld/extrasmall');
  return (text, candidates) => {
    const result = eld.detect(text);
    if (candidates.includes(result.language)) return result.language;
    // ELD's scores cover only the languages it found n-grams of: the best candidate among them, else the first one.
    const scores = result.getScores();
    let best: string | undefined;
    for (const code of candidates) if ((scores[code] ?? 0) > 0 && (best === undefined || scores[code]! > scores[best]!)) best = code;
    return best ?? (result.language === '' ? UNDETERMINED : candidates[0]!);
  };
}
