import { z } from 'zod';

/** Azure Bot identity types botbuilder accepts. New multi-tenant bots can no longer be registered on Azure. */
export const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

/**
 * Teams settings as `config.ts` hands them over (from MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD,
 * MICROSOFT_APP_TYPE, MICROSOFT_APP_TENANT_ID, TEAMS_ENABLED). No app id with `enabled` means local mode:
 * unauthenticated, for the Bot Framework Emulator protocol only.
 */
export const TeamsSettingsSchema = z
  .object({
    enabled: z.boolean(),
    appId: z.string().min(1).optional(),
    appPassword: z.string().min(1).optional(),
    appType: z.enum(TEAMS_APP_TYPES).default('SingleTenant'),
    tenantId: z.string().min(1).optional(),
    /** Messaging endpoint path, as registered on the Azure Bot. */
    path: z.string().startsWith('/').default('/api/messages'),
    /** Longest wait for a per-thread send slot or a 429 Retry-After before the outbox takes over (ms). */
    maxWaitMs: z.number().int().positive().default(10_000),
    /** Inline the chart PNG in a card only below this many bytes of base64 (Teams messages stop near 40 KB). */
    maxInlineImageBytes: z.number().int().positive().default(32_000),
  })
  .superRefine((s, ctx) => {
    if (s.appId === undefined) return;
    if (s.appType !== 'UserAssignedMSI' && s.appPassword === undefined) {
      ctx.addIssue({ code: 'custom', path: ['appPassword'], message: 'MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID' });
    }
    if (s.appType !== 'MultiTenant' && s.tenantId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tenantId'], message: `MICROSOFT_APP_TENANT_ID is required for MICROSOFT_APP_TYPE=${s.appType}` });
    }
  });
export type TeamsSettings = z.infer<typeof TeamsSettingsSchema>;
export type TeamsSettingsInput = z.input<typeof TeamsSettingsSchema>;

/** Teams runs when asked to (TEAMS_ENABLED=true) or when a bot identity is configured. */
export function teamsWanted(settings: Pick<TeamsSettings, 'enabled' | 'appId'>): boolean {
  return settings.enabled || settings.appId !== undefined;
}
