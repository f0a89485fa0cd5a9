import { z } from 'zod';

export const SentimentLabelSchema = z.enum(['negative', 'neutral', 'positive']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

export interface SentimentResult {
  label: SentimentLabel;
  /** Probability of the label, 0..1. */
  confidence: number;
  /**
   * The language used: an ISO 639-1 code when the model covers it; `<code>+fallback` (e.g. `de+fallback`)
   * when a lexicon or rule fallback served a language the model does not cover; `und` when unknown.
   */
  lang: string;
}

/** What the pipeline needs from sentiment: one pure call per mention. */
export interface SentimentClassifier {
  classify(text: string, lang?: string): SentimentResult;
}
