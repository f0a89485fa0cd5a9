/**
 * Loads the committed sentiment weights from beside this file (the only disk access of the sentiment component)
 * and, on request, the ELD language-identification data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadClassifier, type ClassifierOptions } from '../core/sentiment/classify.js';
import { createLanguageDetector } from '../core/sentiment/langid.js';
import type { SentimentClassifier } from '../core/sentiment/types.js';
import { loadEldDetector } from './language.js';

export const DEFAULT_WEIGHTS_FILE = fileURLToPath(new URL('./weights/model.bin', import.meta.url));

/**
 * The shipped classifier, fast to load (tens of ms). Without `options.detectLanguage`, posts classified without a
 * language are identified by script and function words only; Latin-script posts those cannot settle get `und`
 * (still classified by the model's language-independent features). Use this when mentions carry their language.
 */
export function loadDefaultClassifier(options: ClassifierOptions = {}): SentimentClassifier {
  return loadClassifier(readFileSync(DEFAULT_WEIGHTS_FILE), options);
}

/** Full language identification: the rules of langid.ts, then ELD for the Latin-script posts they cannot settle. */
export async function loadLanguageDetector(): Promise<(text: string) => string> {
  return createLanguageDetector(await loadEldDetector());
}

/** The shipped classifier with full language identification (ELD for Latin script): what the pipeline should use. */
export async function loadDefaultClassifierWithLanguageId(): Promise<SentimentClassifier> {
  return loadDefaultClassifier({ detectLanguage: await loadLanguageDetector() });
}
