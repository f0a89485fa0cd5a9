/**
 * `npm run bench:categorize`: macro-F1 of `categorize` over the five mapped complaint categories of the shared half of
 * the airline tweets, with the confusion matrix. Three figures: curated cues alone (never fitted on the data),
 * the shipped lexicon (in-sample: its learned words were fitted on this half), and a 5-fold cross-validated figure
 * (each tweet scored by a lexicon fitted without it), the honest estimate for the half kept aside.
 * `-- --weights` also prints the learned weights, strongest first, per category.
 */
import { existsSync } from 'node:fs';
import { categorizeText, defaultLexicon } from '../src/core/respond/categorize.js';
import { ar } from '../src/core/respond/cues/ar.js';
import { en } from '../src/core/respond/cues/en.js';
import { enLearned } from '../src/core/respond/cues/en-learned.js';
import { fr } from '../src/core/respond/cues/fr.js';
import { compileLexicon, type Lexicon } from '../src/core/respond/lexicon.js';
import { DATA_FILE, formatScore, loadLabelledTweets, score } from './airline-categories.js';
import { crossValidate, load } from './fit-categorize.js';

function run(title: string, lexicon: Lexicon, tweets: NonNullable<ReturnType<typeof loadLabelledTweets>>): void {
  const started = performance.now();
  const predicted = tweets.map((t) => categorizeText({ text: t.text }, { lexicon }).category);
  const ms = performance.now() - started;
  console.log(`\n== ${title} (${tweets.length} tweets, ${(ms / tweets.length).toFixed(3)} ms/tweet)`);
  console.log(
    formatScore(
      score(
        tweets.map((t) => t.gold),
        predicted,
      ),
    ),
  );
}

function printWeights(): void {
  const perCategory = new Map<string, Array<[string, number]>>();
  for (const [word, weights] of Object.entries(enLearned.words)) {
    for (const [category, w] of Object.entries(weights)) {
      if (w !== undefined) perCategory.set(category, [...(perCategory.get(category) ?? []), [word, w]]);
    }
  }
  console.log(`\n== learned English lexicon: bias ${JSON.stringify(enLearned.bias)}`);
  for (const [category, list] of perCategory) {
    const sorted = list.sort((a, b) => b[1] - a[1]);
    const fmt = (xs: Array<[string, number]>): string => xs.map(([w, v]) => `${w} ${v}`).join(', ');
    console.log(`${category}\n  + ${fmt(sorted.slice(0, 25))}\n  - ${fmt(sorted.slice(-10).reverse())}`);
  }
}

function main(): void {
  const tweets = loadLabelledTweets();
  if (!tweets || !existsSync(DATA_FILE)) {
    console.log(`bench:categorize skipped: ${DATA_FILE} is absent (the shared data is not part of users' clones).`);
    return;
  }
  run('curated cues only (en, fr, ar; hand weights, nothing fitted)', compileLexicon({ en, fr, ar }), tweets);
  run('shipped lexicon, in-sample (learned words were fitted on this half)', defaultLexicon(), tweets);
  const { gold, heldOut, perFold } = crossValidate(load());
  console.log('\n== shipped method, 5-fold cross-validated on this half (estimate for the half kept aside)');
  console.log(formatScore(score(gold, heldOut)));
  console.log(`macro-F1 per fold: ${perFold.map((f) => f.toFixed(3)).join(' ')}`);
  if (process.argv.includes('--weights')) printWeights();
}

main();
