import { compileQuery } from '../core/query/compile.js';
import { createQueryIndex } from '../core/query/index.js';
import { prepareText } from '../core/query/prepare.js';
import type { Mention } from '../core/mention.js';
import { acceptsLanguage } from '../core/plan.js';
import type { Plan } from '../core/plan.js';
import type { SentimentClassifier, SentimentResult } from '../core/sentiment/types.js';

const SEPARATOR = '\u0000';

/**
 * Routes one stream of mentions (a firehose such as Bluesky's Jetstream) to every active plan at once: each
 * mention is prepared once, looked up in a term index of all plans' brand and news queries, and scored for
 * sentiment once, however many plans it matches.
 */
export function createFirehose(classifier: SentimentClassifier) {
  const index = createQueryIndex();
  const plans = new Map<string, Plan>();

  return {
    setPlans(active: Plan[]): void {
      const keep = new Set<string>();
      for (const plan of active) {
        const previous = plans.get(plan.id);
        plans.set(plan.id, plan);
        for (const role of ['brand', 'news'] as const) {
          const key = `${plan.id}${SEPARATOR}${role}`;
          const source = plan.what[role];
          if (!source) continue;
          keep.add(key);
          if (!previous || previous.updated.at !== plan.updated.at || !index.has(key)) index.add(key, compileQuery(source));
        }
      }
      for (const plan of [...plans.values()]) {
        if (!active.some((p) => p.id === plan.id)) plans.delete(plan.id);
        for (const role of ['brand', 'news']) {
          const key = `${plan.id}${SEPARATOR}${role}`;
          if (!keep.has(key)) index.remove(key);
        }
      }
    },
    /** The plans a mention is for, with its sentiment (computed only when some plan matches). */
    route(mention: Mention): Array<{ plan: Plan; sentiment: SentimentResult }> {
      const keys = index.matchAll(prepareText({ text: mention.text, title: mention.title, author: mention.author, lang: mention.lang }));
      if (keys.length === 0) return [];
      const sentiment = classifier.classify(mention.text, mention.lang);
      const lang = mention.lang ?? sentiment.lang;
      const routed: Array<{ plan: Plan; sentiment: SentimentResult }> = [];
      const seen = new Set<string>();
      for (const key of keys) {
        const planId = key.slice(0, key.indexOf(SEPARATOR));
        const plan = plans.get(planId);
        if (!plan || seen.has(planId)) continue;
        seen.add(planId);
        if (!acceptsLanguage(plan, lang)) continue;
        routed.push({ plan, sentiment });
      }
      return routed;
    },
    /** Does any active plan want this text (for a stream source's local filter). */
    wants(text: string, lang: string | undefined): boolean {
      return index.matchAll(prepareText({ text, lang })).length > 0;
    },
  };
}
export type Firehose = ReturnType<typeof createFirehose>;
