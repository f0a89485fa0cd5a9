import type { SourceKind } from '../core/mention.js';
import type { Plan, SourceSpec } from '../core/plan.js';
import { hashtagsOf } from './plan-query.js';

/** The credentials that decide which keyed kinds a new plan gets (same names as the factories' settings). */
export interface DefaultSourceSettings {
  xBearerToken?: string;
  blueskyHandle?: string;
  blueskyAppPassword?: string;
  youtubeApiKey?: string;
}

/**
 * Where a plan created with only a query listens: every kind that can search by keyword without an account
 * (news, Reddit, Hacker News, GDELT, Mastodon hashtags when the query yields some, the Bluesky firehose),
 * plus the keyed kinds whose credentials are set. The domino chain needs micro-blogs, forums and news at once.
 */
export function defaultSourcesFor(plan: Plan, settings: DefaultSourceSettings): SourceSpec[] {
  const kinds: SourceKind[] = ['gnews', 'reddit', 'hn', 'gdelt'];
  if (hashtagsOf(plan).length > 0) kinds.push('mastodon');
  kinds.push('bluesky-stream');
  if (settings.xBearerToken) kinds.push('x');
  if (settings.blueskyHandle && settings.blueskyAppPassword) kinds.push('bluesky');
  if (settings.youtubeApiKey) kinds.push('youtube');
  return kinds.map((kind) => ({ kind }));
}
