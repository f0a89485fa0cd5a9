import type { SourceKind } from '../core/mention.js';
import { createGalertsSource } from './galerts.js';
import { createGnewsSource } from './gnews.js';
import { createRssSource } from './rss.js';
import type { Source } from './source.js';

/**
 * Every kind Vigie can poll. Adding a kind is one import and one line here: its factory takes its own
 * settings type, and `SourceSettings` below becomes the merge of all of them by itself.
 */
const FACTORIES = [createRssSource, createGnewsSource, createGalertsSource] as const;

type Factory = (typeof FACTORIES)[number];
type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** The settings of every registered kind, merged (built by config.ts from the environment). */
export type SourceSettings = UnionToIntersection<Exclude<Parameters<Factory>[0], undefined>>;

export interface SourceRegistry {
  get(kind: SourceKind): Source | undefined;
  /** Registered kinds, in registration order. */
  kinds(): SourceKind[];
}

export function createSourceRegistry(settings: SourceSettings): SourceRegistry {
  const byKind = new Map<SourceKind, Source>();
  for (const factory of FACTORIES) {
    const source = factory(settings);
    if (byKind.has(source.kind)) throw new Error(`two sources register the kind "${source.kind}"`);
    byKind.set(source.kind, source);
  }
  return {
    get: (kind) => byKind.get(kind),
    kinds: () => [...byKind.keys()],
  };
}
