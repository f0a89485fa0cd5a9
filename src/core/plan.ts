import { z } from 'zod';
import { SourceKindSchema } from './mention.js';
import { LocaleSchema } from '../i18n/locale.js';
import { SeverityLevelSchema } from './incident/incident.js';

export const PLAN_SCHEMA_VERSION = 1;

export const PlatformSchema = z.enum(['local', 'slack', 'teams']);
export type Platform = z.infer<typeof PlatformSchema>;

export const SensitivitySchema = z.enum(['low', 'normal', 'high']);
export type Sensitivity = z.infer<typeof SensitivitySchema>;

/** The workspace (Slack team, Teams tenant, or the local machine) that owns a plan. Every read is scoped by it. */
export const ScopeSchema = z.object({
  platform: PlatformSchema,
  workspace: z.string().min(1),
});
export type Scope = z.infer<typeof ScopeSchema>;

export const PlanNameSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, 'letters, digits, spaces, "_", "." or "-", starting with a letter or digit');

export const SourceSpecSchema = z.object({
  kind: SourceKindSchema,
  /** The kind's argument: a feed URL, a Google News locale, a subreddit, an instance… */
  arg: z.string().min(1).optional(),
});
export type SourceSpec = z.infer<typeof SourceSpecSchema>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const QuietHoursSchema = z.object({
  start: HHMM,
  end: HHMM,
  /** IANA time zone, e.g. Africa/Casablanca. */
  timeZone: z.string().min(1),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** `set <plan> digest daily 08:30` / `weekly mon 08:30` [`always`]: a summary posted to the plan's channel. */
export const DigestScheduleSchema = z.object({
  every: z.enum(['daily', 'weekly']),
  /** Day of the week of a weekly digest, 0 = Sunday … 6 = Saturday. */
  day: z.number().int().min(0).max(6).optional(),
  /** Local time in the plan's zone. */
  at: HHMM,
  /** Post even when nothing happened (otherwise the period is skipped). */
  always: z.boolean(),
});
export type DigestSchedule = z.infer<typeof DigestScheduleSchema>;

export const DestinationSchema = z.object({
  platform: PlatformSchema,
  workspace: z.string().min(1),
  /** Slack channel id, Teams conversation id (channel or chat), or `terminal` in local mode. */
  channel: z.string().min(1),
});
export type Destination = z.infer<typeof DestinationSchema>;

const Actor = z.object({ by: z.string().min(1), at: z.number() });

/** A watch plan, strategy first: what to listen for, where, in which languages, who to alert. */
export const PlanSchema = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: z.string().min(1),
  name: PlanNameSchema,
  scope: ScopeSchema,
  /** What to listen for, each in the query language (`core/query`). */
  what: z.object({
    /** The brand and what people say about it. */
    brand: z.string().min(1),
    /** News about the business. */
    news: z.string().min(1).optional(),
    /** Competitors. */
    competitors: z.string().min(1).optional(),
  }),
  /** Where to listen. */
  sources: z.array(SourceSpecSchema),
  /** ISO 639-1 codes; empty means every language. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)),
  /** Language of the alerts and suggested responses of this plan. */
  locale: LocaleSchema,
  sensitivity: SensitivitySchema,
  destination: DestinationSchema,
  /** Platform user ids to mention on escalation. */
  escalation: z.array(z.string().min(1)),
  quietHours: QuietHoursSchema.optional(),
  /** IANA time zone the plan's times are shown in (`set <plan> timezone`); absent on older plans: see `planTimeZone`. */
  timeZone: z.string().min(1).optional(),
  /** `set <plan> competitor-alerts on`: a competitor's own crisis is posted as context (it may spill over). */
  competitorAlerts: z.boolean().optional(),
  /** `set <plan> remind 15m high`: unacknowledged alerts at or above `severity` remind, then message each contact. */
  remind: z.object({ afterMs: z.number().int().positive(), severity: SeverityLevelSchema }).optional(),
  digest: DigestScheduleSchema.optional(),
  status: z.enum(['active', 'paused']),
  created: Actor,
  updated: Actor,
});
export type Plan = z.infer<typeof PlanSchema>;

/** The three "what" queries of a plan, named. */
export type QueryRole = keyof Plan['what'];
export const QUERY_ROLES: readonly QueryRole[] = ['brand', 'news', 'competitors'];

/** Same workspace: the only test that lets one tenant read or change a plan. */
export function inScope(plan: Pick<Plan, 'scope'>, scope: Scope): boolean {
  return plan.scope.platform === scope.platform && plan.scope.workspace === scope.workspace;
}

/** `fr-MA`, `fr_CA`, `de+fallback` → `fr`, `fr`, `de`. */
export function primaryLanguage(tag: string): string {
  return tag.split(/[+_-]/)[0]!.toLowerCase();
}

/** A plan with no languages listens to all of them; one watching Arabic (`ar`) also hears Moroccan Darija (`ary`). */
export function acceptsLanguage(plan: Pick<Plan, 'languages'>, lang: string): boolean {
  const primary = primaryLanguage(lang);
  return plan.languages.length === 0 || plan.languages.includes(primary) || (primary === 'ary' && plan.languages.includes('ar'));
}
