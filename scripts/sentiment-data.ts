/**
 * Reads the shared sentiment corpora (../shared/data/sentiment: TweetEval, UMSAB, extra/) as one pool of labelled
 * rows, each tagged with its language and its corpus, for training and for the benchmark's cross-validation. Which
 * files train which language, under which corpus name and with what weight, is decided here, in one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SentimentLabelSchema, type SentimentLabel } from '../src/core/sentiment/types.js';

const RowSchema = z.object({ text: z.string(), label: SentimentLabelSchema, lang: z.string().optional() });

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
/** The languages the benchmark scores (Darija is `ary`; the others train the model but are not scored). */
export const SCORED_LANGUAGES = ['en', 'fr', 'ar', 'ary'] as const;

export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

/** One labelled post of the pool. */
export interface PoolRow extends LabelledText {
  /** Language of the post: ISO 639-1, or `ary` for Moroccan Darija (either script). */
  lang: string;
  /** The model language slot it trains (Darija trains the Arabic slot). */
  group: string;
  /** The corpus it comes from: the unit left out by leave-one-corpus-out. */
  corpus: string;
  /** Source weight before class balancing. */
  weight: number;
}

export class SentimentDataError extends Error {
  readonly code = 'sentiment_data_missing';
}

export function dataAvailable(dir: string = DEFAULT_DATA_DIR): boolean {
  return existsSync(path.join(dir, 'tweeteval', 'val.jsonl'));
}

export function readJsonl(file: string): Array<LabelledText & { lang?: string }> {
  if (!existsSync(file)) throw new SentimentDataError(`missing data file ${file}`);
  const rows: Array<LabelledText & { lang?: string }> = [];
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

/** Source weights of the recipe (the shipped values are in sentiment-recipe.ts). */
export interface SourceWeights {
  allocine: number;
  binaryArabic: number;
  umsab: number;
}

interface PoolSource {
  files: string[];
  corpus: string;
  /** The language of every row, or per row from the file's `lang` field (MAC: `ar` standard, `ary` dialectal). */
  lang: string | ((row: { lang?: string }) => string);
  weight: number;
}

function poolSources(weights: SourceWeights): PoolSource[] {
  const umsab = Object.entries(UMSAB_LANGUAGES)
    .filter(([name]) => name !== 'english' && name !== 'arabic')
    .map(([name, lang]) => ({
      files: [`umsab/${name}/train.jsonl`, `umsab/${name}/val.jsonl`],
      corpus: `umsab-${lang}`,
      lang,
      weight: weights.umsab,
    }));
  return [
    // UMSAB English repeats TweetEval (data README note 3): one corpus, duplicates dropped below.
    {
      files: ['tweeteval/train.jsonl', 'tweeteval/val.jsonl', 'umsab/english/train.jsonl', 'umsab/english/val.jsonl'],
      corpus: 'semeval-en',
      lang: 'en',
      weight: 1,
    },
    ...umsab,
    { files: ['extra/allocine_sample/train.jsonl'], corpus: 'allocine', lang: 'fr', weight: weights.allocine },
    // UMSAB Arabic and the rest of the SemEval-2017 Arabic training data are one collection.
    { files: ['umsab/arabic/train.jsonl', 'umsab/arabic/val.jsonl'], corpus: 'semeval-ar', lang: 'ar', weight: weights.umsab },
    { files: ['extra/semeval2017_ar/train.jsonl'], corpus: 'semeval-ar', lang: 'ar', weight: 1 },
    { files: ['extra/mac/train.jsonl'], corpus: 'mac', lang: (row) => (row.lang === 'ary' ? 'ary' : 'ar'), weight: 1 },
    { files: ['extra/afrisenti_ary/train.jsonl', 'extra/afrisenti_ary/dev.jsonl'], corpus: 'afrisenti-ary', lang: 'ary', weight: 1 },
    { files: ['extra/afrisenti_arq/train.jsonl'], corpus: 'afrisenti-arq', lang: 'ar', weight: 1 },
    { files: ['extra/arsarcasm_v2/train.jsonl'], corpus: 'arsarcasm', lang: 'ar', weight: 1 },
    { files: ['extra/astd/train.jsonl'], corpus: 'astd', lang: 'ar', weight: 1 },
    { files: ['extra/myc/train.jsonl'], corpus: 'myc', lang: 'ary', weight: weights.binaryArabic },
    { files: ['extra/ajgt/train.jsonl'], corpus: 'ajgt', lang: 'ar', weight: weights.binaryArabic },
  ];
}

/** The model slot a language trains: Darija shares the Arabic slot (one script, most of its vocabulary). */
export function modelGroup(lang: string): string {
  return lang === 'ary' ? 'ar' : lang;
}

// Letters and digits only, lower case: catches the same post reposted with other spacing, punctuation or links.
function dedupeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?\S*|@\w+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Every labelled row, train and validation files alike; a text seen twice in one language is kept once. */
export function readPool(dir: string, weights: SourceWeights): PoolRow[] {
  const seen = new Set<string>();
  const rows: PoolRow[] = [];
  for (const source of poolSources(weights)) {
    if (source.weight <= 0) continue;
    for (const file of source.files) {
      for (const row of readJsonl(path.join(dir, file))) {
        const lang = typeof source.lang === 'string' ? source.lang : source.lang(row);
        const key = `${lang}\u0000${dedupeKey(row.text)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ text: row.text, label: row.label, lang, group: modelGroup(lang), corpus: source.corpus, weight: source.weight });
      }
    }
  }
  return rows;
}

const ENTITY_RE = /(?<![\p{L}\p{N}@#])\p{Lu}[\p{L}\p{N}]{2,}/gu;
const WORD_RE = /[\p{L}\p{N}]{3,}/gu;

/**
 * English has a single corpus (SemEval 2013–2016, shuffled, without the year), so its "left-out corpus" is a left-out
 * group of topics: SemEval collected tweets by topic (a person, a product, an event), so the topic entity of a tweet —
 * its least frequent word that is written capitalised at least 80 % of the time and capitalised in 20+ tweets — names
 * the collection query it came from. Topics are dealt into `groups` groups by a hash of the name; tweets without one
 * are dealt by a hash of their text. Leaving a group out leaves its topics out of training.
 */
export function topicGroups(texts: readonly string[], groups: number): number[] {
  const capitalised = new Map<string, number>();
  const anyCase = new Map<string, number>();
  const words = texts.map((text) => {
    const found = new Set<string>();
    for (const m of text.matchAll(ENTITY_RE)) {
      const w = m[0].toLowerCase();
      if (!found.has(w)) capitalised.set(w, (capitalised.get(w) ?? 0) + 1);
      found.add(w);
    }
    const all = new Set([...text.matchAll(WORD_RE)].map((m) => m[0].toLowerCase()));
    for (const w of all) anyCase.set(w, (anyCase.get(w) ?? 0) + 1);
    return found;
  });
  const isEntity = (w: string) => (capitalised.get(w) ?? 0) >= 20 && (capitalised.get(w) ?? 0) >= 0.8 * (anyCase.get(w) ?? 0);
  return words.map((found, i) => {
    let topic: string | undefined;
    for (const w of found) {
      if (isEntity(w) && (topic === undefined || capitalised.get(w)! < capitalised.get(topic)!)) topic = w;
    }
    return stringHash(topic ?? texts[i]!) % groups;
  });
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
