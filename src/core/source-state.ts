import { z } from 'zod';
import { SourceErrorSchema } from './source-error.js';

/**
 * An answer that was read in part: the source still worked, but some of what it answered was left out. Kept
 * with the health so that `status` can say "some items skipped" rather than "OK".
 */
export const PartialReadSchema = z.object({
  /** Items of the answer left out because they could not be read (each one logged). */
  skipped: z.number().int().nonnegative(),
  /** The document broke off before its end; the items before the break were kept. */
  cut: z.boolean().optional(),
  /** Pages whose layout is not understood (petitions): their figures are left out rather than guessed. */
  unknownLayouts: z.array(z.string()).optional(),
  /** What was wrong, technical, for logs and `status` (a few first reasons). */
  detail: z.string(),
});
export type PartialRead = z.infer<typeof PartialReadSchema>;

export const SourceHealthSchema = z.object({
  lastPollAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  lastError: SourceErrorSchema.optional(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** Earliest time the scheduler may poll again (back-off, Retry-After, budgets). */
  notBefore: z.number().optional(),
  /** Items returned by the last successful poll, and since the source was added. */
  lastItems: z.number().int().nonnegative().optional(),
  totalItems: z.number().int().nonnegative().optional(),
  /** The last successful poll read its answer only in part (absent when it read all of it). */
  lastPartial: PartialReadSchema.extend({ at: z.number() }).optional(),
  /** Items skipped because they could not be read, since the source was added. */
  totalSkipped: z.number().int().nonnegative().optional(),
  /** The last successful poll answered more items than the per-poll cap: how many were left out (the oldest). */
  lastOverCap: z.object({ count: z.number().int().nonnegative(), cap: z.number().int().positive(), at: z.number() }).optional(),
  /** Items left out over the cap, since the source was added. */
  totalOverCap: z.number().int().nonnegative().optional(),
  /** Why the source does not poll at all (e.g. a missing credential), as a catalogue key and its parameters. */
  disabled: z.object({ code: z.string(), setting: z.string().optional() }).optional(),
  /** Paid or quota'd APIs: reads used and left in the current period. */
  usage: z.object({ used: z.number(), limit: z.number(), period: z.string(), resetsAt: z.number() }).optional(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;

/** What a source keeps between polls: its cursor and HTTP validators, and its health. */
export const SourceStateSchema = z.object({
  /** `<planId>|<kind>|<arg>`: see `sourceKey`. */
  key: z.string(),
  planId: z.string(),
  cursor: z.unknown().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  health: SourceHealthSchema,
});
export type SourceState = z.infer<typeof SourceStateSchema>;

export function sourceKey(planId: string, kind: string, arg: string | undefined): string {
  return `${planId}|${kind}|${arg ?? ''}`;
}
