import type { SourceKind } from '../core/mention.js';
import { createGalertsSource } from './galerts.js';
import { createGnewsSource } from './gnews.js';
import { createRssSource } from './rss.js';
import { createXSource } from './x.js';
import { createBlueskySource } from './bluesky.js';
import { createBlueskyStreamSource } from './bluesky-stream.js';
import { createMastodonSource } from './mastodon.js';
import { createRedditSource } from './reddit.js';
import { createHnSource } from './hn.js';
import { createYoutubeSource } from './youtube.js';
import { createGdeltSource } from './gdelt.js';
import { createPetitionsSource } from './petitions.js';
import type { Source } from './source.js';

/**
 * Every kind Vigie can poll. Adding a kind is one import and one line here: its factory takes its own
 * settings type, and `SourceSettings` below becomes the merge of all of them by itself.
 */
const FACTORIES = [
  createRssSource,
  createGnewsSource,
  createGalertsSource,
  createXSource,
  createBlueskySource,
  createBlueskyStreamSource,
  createMastodonSource,
  createRedditSource,
  createHnSource,
  createYoutubeSource,
  createGdeltSource,
  createPetitionsSource,
] as const;

type Factory = (typeof FACTORIES)[number];
type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** The settings of every registered kind, merged (built by config.ts from the environment). */
export type SourceSettings = UnionToIntersection<Exclude<Parameters<Factory>[0], undefined>>;

export interface SourceRegistry {
  get(kind: SourceKind): Source | undefined;
  /** Registered kinds, in registration order. */
  kinds(): SourceKind[];
  /** Close what sources hold open (the Bluesky firehose connection). */
  close(): Promise<void>;
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
    close: async () => {
      await Promise.all([...byKind.values()].map((source) => ('close' in source && typeof source.close === 'function' ? source.close() : undefined)));
    },
  };
}
