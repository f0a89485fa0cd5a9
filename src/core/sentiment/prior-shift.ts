/**
 * Prior-shift correction (Saerens, Latinne & Decaestecker 2002): a batch of posts rarely has the class balance the
 * model was trained for (class-balanced training means uniform priors). EM re-estimates the batch's priors from the
 * model's own posteriors, then rescales each posterior by new prior / training prior. Needs a batch: it suits
 * `vigie classify` on a file, not the live stream, where a sudden rise of negative posts is the signal itself.
 */

export interface PriorShift {
  /** Estimated class priors of the batch. */
  priors: number[];
  /** Adjusted posteriors, one row per post. */
  posteriors: number[][];
  iterations: number;
}

export function adaptPriors(
  posteriors: readonly (readonly number[])[],
  trainingPriors: readonly number[],
  maxIterations = 100,
  tolerance = 1e-6,
): PriorShift {
  const k = trainingPriors.length;
  let priors = [...trainingPriors];
  let adjusted = posteriors.map((p) => [...p]);
  if (posteriors.length === 0) return { priors, posteriors: adjusted, iterations: 0 };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    adjusted = posteriors.map((p) => {
      const row = p.map((x, c) => (x * priors[c]!) / trainingPriors[c]!);
      const sum = row.reduce((s, x) => s + x, 0) || 1;
      return row.map((x) => x / sum);
    });
    const next = Array.from({ length: k }, (_, c) => adjusted.reduce((s, row) => s + row[c]!, 0) / adjusted.length);
    const change = next.reduce((s, x, c) => s + Math.abs(x - priors[c]!), 0);
    priors = next;
    if (change < tolerance) break;
  }
  return { priors, posteriors: adjusted, iterations };
}
