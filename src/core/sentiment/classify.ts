/**
 * The sentiment classifier: normalise → tokenise → hashed features → int8 logistic regression.
 * Languages the model was trained on get the model; other identified languages get the emoji/emoticon fallback
 * (`<code>+fallback`); text whose language cannot be identified gets the model's language-independent features
 * (`und`).
 */
import { FeatureExtractor } from './features.js';
import { canonicalLanguage, createLanguageDetector, DARIJA, type LanguageDetector, UNDETERMINED } from './langid.js';
import { lexiconSentiment } from './lexicon.js';
import { decodeModel, ModelFormatError, score } from './model.js';
import type { PolarityLexicon } from './polarity.js';
import { postTokens } from './post-tokens.js';
import type { SentimentClassifier, SentimentResult } from './types.js';

export interface ClassifierOptions {
  /**
   * Language identification used when `classify` is called without `lang`; ISO 639-1 or `und`. Defaults to the
   * rules of langid.ts alone (script, Arabizi, function words); src/models/sentiment.ts adds ELD for the rest.
   */
  detectLanguage?: LanguageDetector;
  /** The polarity lexicon, required by weights trained with polarity markers (src/models/sentiment.ts loads it). */
  lexicon?: PolarityLexicon;
}

/** Builds a classifier from the bytes of a weights file (see model.ts); throws ModelFormatError on a bad file. */
export function loadClassifier(weights: Uint8Array, options: ClassifierOptions = {}): SentimentClassifier {
  const model = decodeModel(weights);
  if (model.spec.polarityMarkers && !options.lexicon) {
    throw new ModelFormatError('these weights were trained with polarity markers: pass the polarity lexicon');
  }
  const lexicon = model.spec.polarityMarkers ? options.lexicon : undefined;
  const extractor = new FeatureExtractor(model.spec);
  const detect = options.detectLanguage ?? createLanguageDetector();
  const slots = new Map(model.languages.map((code, i) => [code, i + 1]));
  return {
    classify(text: string, lang?: string, languages?: readonly string[]): SentimentResult {
      const language = canonicalLanguage(lang) ?? detect(text, languages);
      const tokens = postTokens(text, lexicon);
      // Darija trains the Arabic slot unless the model has one of its own.
      const slot = slots.get(language) ?? (language === DARIJA ? slots.get('ar') : undefined);
      if (slot === undefined && language !== UNDETERMINED) {
        return { ...lexiconSentiment(tokens), lang: `${language}+fallback` };
      }
      const n = extractor.extract(tokens, slot ?? 0);
      const { label, confidence, probabilities } = score(model, extractor.indices, n);
      return { label, confidence, lang: language, probabilities };
    },
  };
}
