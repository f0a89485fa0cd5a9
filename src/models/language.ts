/**
 * ELD (`eld` package, Apache-2.0, extra-small database) as the Latin-script language detector. Loaded on demand:
 * its n-gram data costs several hundred milliseconds of start-up, which callers that know their posts' language skip.
 * Chosen over franc-min and tinyld on UMSAB/TweetEval validation tweets (README, sentiment section).
 */
import type { LatinDetector } from '../core/sentiment/langid.js';
import { UNDETERMINED } from '../core/sentiment/langid.js';

export async function loadEldDetector(): Promise<LatinDetector> {
  const { eld } = await import('eld/extrasmall');
  return (text) => eld.detect(text).language || UNDETERMINED;
}
