import { z } from 'zod';
import { PlatformSchema } from './plan.js';

/**
 * Alerts waiting to be delivered. An item is claimed before the platform call and confirmed after it, so
 * that an alert that could not be posted stays pending and two instances never post the same one.
 */
export const OutboxItemSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  planId: z.string(),
  platform: PlatformSchema,
  /** What to deliver: `open`, `update`, `resolve`, `state` (parent refresh), `escalate`, `drafts`, `chart`… */
  kind: z.string(),
  /**
   * What the message needs. For an `open`, the store also records there (`firstTriedAt`, set by the first claim) when
   * its delivery was first tried: a later claim then knows the parent may already be posted, and since when.
   */
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  /** Not before this time (quiet hours, back-off). */
  dueAt: z.number(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  claimedBy: z.string().optional(),
  claimedUntil: z.number().optional(),
  deliveredAt: z.number().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** When the parent of an `open` was first claimed for delivery (see `payload`), if it was. */
export function firstTriedAt(item: Pick<OutboxItem, 'payload'>): number | undefined {
  const at = item.payload.firstTriedAt;
  return typeof at === 'number' ? at : undefined;
}
