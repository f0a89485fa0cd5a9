import { describe, expect, it } from 'vitest';
import { TeamsSettingsSchema, teamsWanted } from '../../../src/platforms/teams/settings.js';

describe('Teams settings', () => {
  it('defaults to a single-tenant bot on /api/messages', () => {
    const s = TeamsSettingsSchema.parse({ enabled: true, appId: 'app', appPassword: 'pw', tenantId: 'tenant' });
    expect(s).toMatchObject({ appType: 'SingleTenant', path: '/api/messages', maxWaitMs: 10_000, maxInlineImageBytes: 32_000 });
  });

  it('allows local mode: enabled without an app id', () => {
    expect(TeamsSettingsSchema.safeParse({ enabled: true }).success).toBe(true);
  });

  it('asks for the password and the tenant of a single-tenant bot', () => {
    const result = TeamsSettingsSchema.safeParse({ enabled: true, appId: 'app' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['appPassword', 'tenantId']);
    expect(result.error?.issues[1]?.message).toContain('MICROSOFT_APP_TENANT_ID');
  });

  it('does not ask a managed identity for a password, nor a multi-tenant bot for a tenant', () => {
    expect(TeamsSettingsSchema.safeParse({ enabled: true, appId: 'app', appType: 'UserAssignedMSI', tenantId: 't' }).success).toBe(true);
    expect(TeamsSettingsSchema.safeParse({ enabled: true, appId: 'app', appType: 'MultiTenant', appPassword: 'pw' }).success).toBe(true);
  });

  it('runs when enabled or when a bot identity is configured', () => {
    expect(teamsWanted(TeamsSettingsSchema.parse({ enabled: false }))).toBe(false);
    expect(teamsWanted(TeamsSettingsSchema.parse({ enabled: true }))).toBe(true);
    expect(teamsWanted(TeamsSettingsSchema.parse({ enabled: false, appId: 'a', appPassword: 'p', tenantId: 't' }))).toBe(true);
  });
});
