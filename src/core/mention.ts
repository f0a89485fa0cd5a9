import { z } from 'zod';

/** Every kind of source Vigie can poll. A new source kind is added here and in `sources/registry.ts`. */
export const SOURCE_KINDS = [
  'rss',
  'gnews',
  'galerts',
  'x',
  'bluesky',
  'bluesky-stream',
  'mastodon',
  'reddit',
  'hn',
  'youtube',
  'gdelt',
  'petitions',
] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/**
 * Where a kind of source sits in the domino chain: a complaint starts on micro-blogs, is amplified there,
 * spreads to forums, blogs and video, and ends in the news or a petition.
 */
export type Channel = 'microblog' | 'forum' | 'blog' | 'video' | 'news' | 'petition';

export const CHANNEL_OF_KIND: Record<SourceKind, Channel> = {
  rss: 'blog',
  gnews: 'news',
  galerts: 'news',
  x: 'microblog',
  bluesky: 'microblog',
  'bluesky-stream': 'microblog',
  mastodon: 'microblog',
  reddit: 'forum',
  hn: 'forum',
  youtube: 'video',
  gdelt: 'news',
  petitions: 'petition',
};

const PETITION_HOSTS = /(^|\.)(change\.org|avaaz\.org|mesopinions\.com|openpetition\.(de|eu)|petitions?\.parliament\.uk)$/i;

/** The channel of one mention: its source kind's, unless its link points at a petition site. */
export function channelOf(mention: Pick<Mention, 'sourceKind' | 'url'>): Channel {
  try {
    if (PETITION_HOSTS.test(new URL(mention.url).hostname)) return 'petition';
  } catch {
    // A mention without a parseable URL keeps its source kind's channel.
  }
  return CHANNEL_OF_KIND[mention.sourceKind];
}

const count = z.number().int().nonnegative();

export const MetricsSchema = z.object({
  likes: count.optional(),
  reposts: count.optional(),
  replies: count.optional(),
  quotes: count.optional(),
  views: count.optional(),
  followers: count.optional(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

/** One item found by a source, before matching. `id` is stable across polls and restarts for the same item. */
export const MentionSchema = z.object({
  id: z.string().min(1),
  sourceKind: SourceKindSchema,
  url: z.string(),
  author: z.string(),
  /** Who `author` names: a person (the default), or a publication standing in when a feed gives no author. */
  byline: z.enum(['person', 'publication']).optional(),
  text: z.string(),
  title: z.string().optional(),
  lang: z.string().optional(),
  /** Publication time, epoch milliseconds: buckets are built on it, not on the time the item was fetched. */
  publishedAt: z.number(),
  metrics: MetricsSchema.optional(),
});
export type Mention = z.infer<typeof MentionSchema>;

/** Engagement of one mention: what its audience did with it, plus a damped share of its author's reach. */
export function engagementOf(metrics: Metrics | undefined): number {
  if (!metrics) return 0;
  return (metrics.likes ?? 0) + 2 * (metrics.reposts ?? 0) + (metrics.replies ?? 0) + 2 * (metrics.quotes ?? 0);
}
