import type { Mention } from '../core/mention.js';

const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * The most recent links of each plan's mentions, bounded, in memory: petitions are found among them. A link is dated
 * when Vigie saw it, not when its post was published: a post fetched late (a slow feed) still reaches the next poll
 * of the petition source, which asks for the links seen since its own last poll.
 */
export function createRecentLinks(options: { perPlan: number }) {
  const byPlan = new Map<string, Map<string, number>>();
  return {
    add(planId: string, mentions: Mention[], seenAt: number): void {
      const seen = byPlan.get(planId) ?? new Map<string, number>();
      byPlan.set(planId, seen);
      for (const mention of mentions) {
        for (const url of [mention.url, ...(mention.text.match(URL_IN_TEXT) ?? [])]) {
          if (!url) continue;
          seen.delete(url);
          seen.set(url, seenAt);
        }
      }
      for (const oldest of seen.keys()) {
        if (seen.size <= options.perPlan) break;
        seen.delete(oldest);
      }
    },
    since(planId: string, since: number): string[] {
      return [...(byPlan.get(planId) ?? new Map<string, number>()).entries()].filter(([, at]) => at >= since).map(([url]) => url);
    },
  };
}
