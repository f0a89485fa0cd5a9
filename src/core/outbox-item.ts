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
