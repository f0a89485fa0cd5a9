import { z } from 'zod';

/** One time bucket of one plan, keyed by publication time. */
export const BucketSchema = z.object({
  /** Start of the bucket, epoch ms, aligned on the bucket length. */
  start: z.number(),
  total: z.number().nonnegative(),
  negative: z.number().nonnegative(),
  /** Sum of `engagementOf(metrics)` over the bucket's mentions. */
  engagement: z.number().nonnegative(),
});
export type Bucket = z.infer<typeof BucketSchema>;

/** Why the detector decided what it decided, in numbers an alert can print. */
export const ExplanationSchema = z.object({
  /** `negative`: negative volume; `share`: share of negatives at flat volume. */
  metric: z.enum(['negative', 'share']),
  observed: z.number(),
  expected: z.number(),
  /** One standard deviation of the expectation (the "± 6" of "15 ± 6"). */
  spread: z.number(),
  /** Length of the window the observation covers, ms. */
  windowMs: z.number(),
  ratio: z.number(),
  /** Probability of at least `observed` under the baseline. */
  tailProbability: z.number(),
  /** Tail probability below which the detector alerts (after sensitivity and feedback). */
  threshold: z.number(),
  /** Seasonal slot the expectation was taken from: day of week 0 (Sunday)..6 and hour 0..23, UTC. */
  slot: z.object({ day: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23) }).optional(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export interface Decision {
  bucketStart: number;
  /** The bot alerts (or keeps an incident open) on this bucket. */
  alert: boolean;
  /** 0..1; ≥ 0.5 exactly when `alert`. */
  score: number;
  /** Volume is back near its baseline (used to resolve incidents with hysteresis). */
  nearBaseline: boolean;
  explanation: Explanation;
}
