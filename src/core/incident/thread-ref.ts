import { z } from 'zod';
import { PlatformSchema } from '../plan.js';

/** Where an incident's alert lives on a platform: opaque to the core, owned by the platform adapter. */
export const ThreadRefSchema = z.object({
  incidentId: z.string(),
  platform: PlatformSchema,
  ref: z.record(z.string(), z.string()),
});
export type ThreadRef = z.infer<typeof ThreadRefSchema>;
