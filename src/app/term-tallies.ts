import { addToTally, tallyKey, type TermDoc, type TermTally, TermTallySchema } from '../core/keywords.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

/**
 * Each plan's daily word counts of its matched mentions (`core/keywords.ts`), kept in the store beside its detector
 * state, so that `suggest` sees every instance's polls and survives a restart. Updated under the plan's lock: two
 * instances polling two sources of one plan add up, neither overwrites the other.
 */
export function createTermTallies(deps: { store: Store; logger: Logger }) {
  const { store } = deps;
  const read = async (planId: string): Promise<TermTally | undefined> => {
    const raw = await store.detector.get(tallyKey(planId));
    if (raw === undefined) return undefined;
    const parsed = TermTallySchema.safeParse(raw);
    // A tally that does not read (a hand-edited file) is started again: it only feeds suggestions.
    if (!parsed.success) deps.logger.warn('keyword tally unreadable, started again', { planId, error: parsed.error.message });
    return parsed.success ? parsed.data : undefined;
  };
  return {
    async add(planId: string, docs: TermDoc[], now: number): Promise<void> {
      if (docs.length === 0) return;
      await store.withPlanLock(planId, async () => {
        await store.detector.save(tallyKey(planId), addToTally(await read(planId), docs, now));
      });
    },
    read,
  };
}
