import { z } from 'zod';

/** The languages of the message catalogue: a plan's alerts, replies and drafts are in one of them. */
export const LocaleSchema = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof LocaleSchema>;
