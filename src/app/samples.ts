import type { Sample } from '../core/incident/incident.js';

/**
 * Negative mentions of buckets the detector has not stepped over yet, per plan: they become the samples of
 * the incident a bucket opens or updates. Bounded per bucket (most engaging kept), per plan (the oldest buckets
 * go first) and by age; held in memory only, since raw text is stored nowhere but in incidents.
 */
export function createSampleBuffer(options: { perBucket: number; perPlan: number; keepMs: number }) {
  const byPlan = new Map<string, Map<number, Array<{ sample: Sample; weight: number }>>>();

  const size = (buckets: Map<number, unknown[]>): number => {
    let total = 0;
    for (const list of buckets.values()) total += list.length;
    return total;
  };

  return {
    add(planId: string, bucketStart: number, sample: Sample, weight: number): void {
      const buckets = byPlan.get(planId) ?? new Map<number, Array<{ sample: Sample; weight: number }>>();
      byPlan.set(planId, buckets);
      const list = buckets.get(bucketStart) ?? [];
      list.push({ sample, weight });
      if (list.length > options.perBucket) {
        list.sort((a, b) => b.weight - a.weight);
        list.length = options.perBucket;
      }
      buckets.set(bucketStart, list);
      if (buckets.size * options.perBucket <= options.perPlan) return;
      // Over the plan's bound: the oldest buckets are dropped whole (the newest are the ones an alert will show).
      let total = size(buckets);
      for (const start of [...buckets.keys()].sort((a, b) => a - b)) {
        if (total <= options.perPlan || start === bucketStart) break;
        total -= buckets.get(start)!.length;
        buckets.delete(start);
      }
    },
    take(planId: string, bucketStart: number): Sample[] {
      const buckets = byPlan.get(planId);
      const list = buckets?.get(bucketStart);
      if (!buckets || !list) return [];
      buckets.delete(bucketStart);
      return list.map((entry) => entry.sample);
    },
    prune(now: number): void {
      for (const buckets of byPlan.values()) {
        for (const start of buckets.keys()) if (start < now - options.keepMs) buckets.delete(start);
      }
    },
  };
}
