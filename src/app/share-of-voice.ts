import { competitorKey, competitorsOf, shareOfVoice, type VoiceShare } from '../core/competitors.js';
import type { Plan } from '../core/plan.js';
import type { Store } from '../store/store.js';

/**
 * A plan's share of voice over `[from, to)`: its own buckets beside each competitor's (`core/competitors.ts`).
 * For `show`, the digest and the incident report; the brand's row comes first, named `brand`.
 */
export async function planShareOfVoice(store: Pick<Store, 'buckets'>, plan: Plan, from: number, to: number): Promise<VoiceShare[]> {
  const competitors = await Promise.all(
    competitorsOf(plan.what.competitors).map(async (c) => ({
      name: c.name,
      buckets: await store.buckets.range(competitorKey(plan.id, c.name), from, to),
    })),
  );
  return shareOfVoice(await store.buckets.range(plan.id, from, to), competitors);
}
