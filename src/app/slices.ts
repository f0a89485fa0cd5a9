/**
 * Long loops over a poll's items run in slices, giving the event loop a turn between two slices (setImmediate lets
 * waiting I/O — a chat command, a health check, a signal — run first), so that a huge poll never freezes the bot.
 */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `map` over `items`, `size` at a time, yielding between slices; `fn` gets a slice and returns its results in order. */
export async function mapInSlices<T, R>(items: readonly T[], size: number, fn: (slice: readonly T[]) => R[] | Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToLoop();
    for (const result of await fn(items.slice(i, i + size))) out.push(result);
  }
  return out;
}

/**
 * The `cap` newest items (by `publishedAt`), in their original order, and how many were left out. A linear pass
 * (quickselect) finds the cut-off date, so a 100,000-item answer is never sorted whole.
 */
export function newestOf<T extends { publishedAt: number }>(items: readonly T[], cap: number): { kept: T[]; over: number } {
  if (items.length <= cap) return { kept: [...items], over: 0 };
  if (cap <= 0) return { kept: [], over: items.length };
  const dates = new Float64Array(items.length);
  for (let k = 0; k < items.length; k += 1) dates[k] = items[k]!.publishedAt;
  const cutoff = kthLargest(dates, cap);
  // Items at the cut-off date itself fill what is left of the cap, first come first kept.
  let ties = cap - items.reduce((n, i) => (i.publishedAt > cutoff ? n + 1 : n), 0);
  const kept = items.filter((i) => {
    if (i.publishedAt > cutoff) return true;
    if (i.publishedAt < cutoff || ties <= 0) return false;
    ties -= 1;
    return true;
  });
  return { kept, over: items.length - kept.length };
}

/** The k-th largest value (1-based), by quickselect: linear on average. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i += 1;
      while (values[j]! < pivot) j -= 1;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}
