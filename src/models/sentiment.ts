/**
 * Loads the committed sentiment weights and polarity lexicons from beside this file (the only disk access of the
 * sentiment component) and, on request, the ELD language-identification data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadClassifier, type ClassifierOptions } from '../core/sentiment/classify.js';
import { createLanguageDetector, type LanguageDetector, type LatinDetector, UNDETERMINED } from '../core/sentiment/langid.js';
import { buildPolarityLexicon, type PolarityLexicon } from '../core/sentiment/polarity.js';
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { loadEldDetector } from './language.js';

export const DEFAULT_WEIGHTS_FILE = fileURLToPath(new URL('./weights/model.bin', import.meta.url));
/**
 * The languages of the shipped polarity lexicon: the French translation of AFINN-165 (lexicons/README.md). English
 * AFINN added nothing the English tweets do not teach (left-out topics +0.3, French and Arabic slightly lower) and
 * cost negative recall on implicit complaints; the Arabic translation lowered Arabic's left-out-corpus figures.
 */
export const LEXICON_LANGUAGES: readonly string[] = ['fr'];

const lexicons = new Map<string, PolarityLexicon>();

/** The polarity lexicons of the given languages, merged (read once per process). */
export function loadPolarityLexicon(languages: readonly string[] = LEXICON_LANGUAGES): PolarityLexicon {
  const key = languages.join(',');
  let lexicon = lexicons.get(key);
  if (!lexicon) {
    const entries = languages.flatMap((lang) =>
      Object.entries(
        JSON.parse(readFileSync(fileURLToPath(new URL(`./lexicons/afinn-165-${lang}.json`, import.meta.url)), 'utf8')) as Record<string, number>,
      ),
    );
    lexicon = buildPolarityLexicon(entries);
    lexicons.set(key, lexicon);
  }
  return lexicon;
}

/**
 * The shipped classifier, fast to load (tens of ms). Without `options.detectLanguage`, posts classified without a
 * language are identified by script and function words only; Latin-script posts those cannot settle get `und`
 * (still classified by the model's language-independent features). Use this when mentions carry their language.
 */
export function loadDefaultClassifier(options: ClassifierOptions = {}): SentimentClassifier {
  return loadClassifier(readFileSync(DEFAULT_WEIGHTS_FILE), { lexicon: loadPolarityLexicon(), ...options });
}

/** Full language identification: the rules of langid.ts, then ELD for the Latin-script posts they cannot settle. */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  return createLanguageDetector(await loadEldDetector());
}

/** The shipped classifier with full language identification (ELD for Latin script), loaded now: for the CLI tools. */
export async function loadDefaultClassifierWithLanguageId(): Promise<SentimentClassifier> {
  return loadDefaultClassifier({ detectLanguage: await loadLanguageDetector() });
}

/**
 * The shipped classifier for the bot: the same, but ELD's data (about 40 MiB and 0.3 s) is loaded by the first batch
 * with a post whose language is not given, not at start-up — a bot with no plan, or whose sources give languages,
 * never pays for it. `classifyBatch` (what the pipeline calls) waits for it; a lone `classify` before that uses the
 * script and function-word rules only.
 */
export function loadDefaultClassifierWithLazyLanguageId(): SentimentClassifier {
  let eld: LatinDetector | undefined;
  let loading: Promise<void> | undefined;
  const ready = (): Promise<void> =>
    (loading ??= loadEldDetector().then((detector) => {
      eld = detector;
    }));
  const classifier = loadDefaultClassifier({
    detectLanguage: createLanguageDetector((text, candidates) => (eld ? eld(text, candidates) : UNDETERMINED)),
  });
  return {
    classify: (text, lang, languages) => classifier.classify(text, lang, languages),
    async classifyBatch(posts) {
      if (posts.some((post) => !post.lang)) await ready();
      return posts.map((post) => classifier.classify(post.text, post.lang, post.languages));
    },
  };
}
