import { z } from 'zod';

export const SentimentLabelSchema = z.enum(['negative', 'neutral', 'positive']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;
export const SENTIMENT_LABELS = SentimentLabelSchema.options;

export interface SentimentResult {
  label: SentimentLabel;
  /** Probability of the label, 0..1. */
  confidence: number;
  /**
   * The language used: an ISO 639-1 code when the model covers it (`ary` for Moroccan Darija, scored by the Arabic
   * slot); `<code>+fallback` (e.g. `de+fallback`)
   * when a lexicon or rule fallback served a language the model does not cover; `und` when unknown.
   */
  lang: string;
  /** Probabilities of negative, neutral and positive, in that order, when the scorer gives them. */
  probabilities?: [number, number, number];
  /** The remote model that scored the post (VIGIE_SENTIMENT_URL); absent when the built-in model did. */
  model?: string;
  /** Set when a workspace's correction gave the label instead of a model: the corrected post it copies. */
  correctedFrom?: string;
}

/** One post to score, as `classify` takes it. */
export interface SentimentInput {
  text: string;
  lang?: string;
  languages?: readonly string[];
}

/** What the pipeline needs from sentiment: one pure call per mention. */
export interface SentimentClassifier {
  /**
   * `lang`: the post's language when the source gives it (detected otherwise); `languages`: the languages watched
   * (the plan's), which language identification prefers for short or unclear posts.
   */
  classify(text: string, lang?: string, languages?: readonly string[]): SentimentResult;
  /**
   * Several posts at once, when the classifier has a better way than one by one: a remote model batches them (and
   * falls back to `classify` when slow or down). Use `classifyAll`, which falls back to `classify` itself.
   */
  classifyBatch?(posts: readonly SentimentInput[]): Promise<SentimentResult[]>;
}

export function classifyAll(classifier: SentimentClassifier, posts: readonly SentimentInput[]): Promise<SentimentResult[]> {
  if (classifier.classifyBatch) return classifier.classifyBatch(posts);
  return Promise.resolve(posts.map((p) => classifier.classify(p.text, p.lang, p.languages)));
}
