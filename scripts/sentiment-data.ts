/**
 * Reads the shared sentiment corpora (../shared/data/sentiment: TweetEval, UMSAB, extra/) for training and the
 * benchmark. Which files train which language, and with what weight, is decided here, in one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SentimentLabelSchema, type SentimentLabel } from '../src/core/sentiment/types.js';
import type { TrainingExample } from '../src/core/sentiment/train.js';

const RowSchema = z.object({ text: z.string(), label: SentimentLabelSchema });

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared data folder beside the repository, as CI lays it out. */
export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data/sentiment');

export const UMSAB_LANGUAGES: Readonly<Record<string, string>> = {
  english: 'en',
  french: 'fr',
  arabic: 'ar',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  hindi: 'hi',
};
/** Order fixes the language slots of the model: changing it changes the weights. */
export const MODEL_LANGUAGES = ['en', 'fr', 'ar', 'de', 'es', 'it', 'pt', 'hi'];

export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

export class SentimentDataError extends Error {
  readonly code = 'sentiment_data_missing';
}

export function dataAvailable(dir: string = DEFAULT_DATA_DIR): boolean {
  return existsSync(path.join(dir, 'tweeteval', 'val.jsonl'));
}

export function readJsonl(file: string): LabelledText[] {
  if (!existsSync(file)) throw new SentimentDataError(`missing data file ${file}`);
  const rows: LabelledText[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = RowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new SentimentDataError(`${file}:${i + 1}: not a {text, label} row`);
      rows.push(parsed.data);
    });
  return rows;
}

/** Training sources: [relative path, language group, source weight]. */
export interface TrainingSource {
  file: string;
  lang: string;
  weight: number;
}

export function trainingSources(weights: { allocine: number; binaryArabic: number; umsab: number }): TrainingSource[] {
  return [
    // UMSAB English train duplicates TweetEval train (data README note 3), so TweetEval alone trains English.
    { file: 'tweeteval/train.jsonl', lang: 'en', weight: 1 },
    ...Object.entries(UMSAB_LANGUAGES)
      .filter(([name]) => name !== 'english')
      .map(([name, lang]) => ({ file: `umsab/${name}/train.jsonl`, lang, weight: weights.umsab })),
    { file: 'extra/allocine_sample/train.jsonl', lang: 'fr', weight: weights.allocine },
    { file: 'extra/mac/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/afrisenti_ary/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/afrisenti_ary/dev.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/afrisenti_arq/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/arsarcasm_v2/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/astd/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/semeval2017_ar/train.jsonl', lang: 'ar', weight: 1 },
    { file: 'extra/myc/train.jsonl', lang: 'ar', weight: weights.binaryArabic },
    { file: 'extra/ajgt/train.jsonl', lang: 'ar', weight: weights.binaryArabic },
  ];
}

export function readTrainingExamples(dir: string, sources: readonly TrainingSource[]): TrainingExample[] {
  return sources.flatMap((s) => (s.weight <= 0 ? [] : readJsonl(path.join(dir, s.file)).map((r) => ({ ...r, lang: s.lang, weight: s.weight }))));
}

/** Validation sets: TweetEval val (English, its official metric is macro-recall) and every UMSAB val. */
export function validationSets(dir: string): Array<{ name: string; lang: string; rows: LabelledText[] }> {
  return [
    { name: 'tweeteval-en', lang: 'en', rows: readJsonl(path.join(dir, 'tweeteval/val.jsonl')) },
    ...Object.entries(UMSAB_LANGUAGES).map(([name, lang]) => ({
      name: `umsab-${lang}`,
      lang,
      rows: readJsonl(path.join(dir, `umsab/${name}/val.jsonl`)),
    })),
  ];
}
