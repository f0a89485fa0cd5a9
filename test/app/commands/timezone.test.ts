import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { testVigie, type TestVigie } from '../../support/vigie.js';

const ctx = (workspace: string, locale: 'en' | 'fr' = 'en'): CommandContext => ({
  scope: { platform: 'slack', workspace },
  channel: 'C1',
  user: 'U1',
  locale,
});
// 20 February 2026, 12:00 UTC: Ramadan time in Morocco (UTC+0), winter time in Paris (UTC+1).
const NOW = Date.UTC(2026, 1, 20, 12, 0);

describe('set <plan> timezone', () => {
  let app: TestVigie;
  beforeAll(async () => {
    app = await testVigie({ VIGIE_TIMEZONE: 'Europe/Paris' }, { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows a new plan’s times in the workspace default (VIGIE_TIMEZONE), then in the zone the plan is given', async () => {
    const c = ctx('T1');
    await app.watchOnly('acme', 'Acme', c);
    expect((await app.say('show acme', c)).text).toContain('2026-02-20 13:00 Europe/Paris (UTC+01:00)');
    expect((await app.say('set acme timezone africa/casablanca', c)).text).toContain('timezone is now Africa/Casablanca');
    const shown = (await app.say('show acme', c)).text;
    expect(shown).toContain('time zone: Africa/Casablanca');
    expect(shown).toContain('2026-02-20 12:00 Africa/Casablanca (UTC+00:00)');
    const saved = await app.vigie.store.plans.get(c.scope, 'acme');
    expect(saved?.timeZone).toBe('Africa/Casablanca');
  });

  it('reads quiet hours without a zone in the plan’s zone, and moves them with it', async () => {
    const c = ctx('T2');
    await app.watchOnly('acme', 'Acme', c);
    await app.say('set acme timezone Africa/Casablanca', c);
    expect((await app.say('set acme quiet 22:00-07:00', c)).text).toContain('22:00-07:00 Africa/Casablanca');
    await app.say('set acme timezone Europe/London', c);
    const saved = await app.vigie.store.plans.get(c.scope, 'acme');
    expect(saved?.quietHours).toEqual({ start: '22:00', end: '07:00', timeZone: 'Europe/London' });
    // `default` goes back to the workspace's zone.
    expect((await app.say('set acme timezone default', c)).text).toContain('timezone is now Europe/Paris');
    expect((await app.vigie.store.plans.get(c.scope, 'acme'))?.timeZone).toBeUndefined();
  });

  it('refuses a name that is not in the IANA database, in the user’s language, and keeps the plan as it was', async () => {
    const c = ctx('T3', 'fr');
    await app.watchOnly('acme', 'Acme', c);
    await app.say('set acme timezone Africa/Casablanca', c);
    const refused = await app.say('set acme timezone Mars/Olympus', c);
    expect(refused.reply.ok).toBe(false);
    expect(refused.text).toContain("« Mars/Olympus » n'est pas valide pour timezone");
    expect((await app.vigie.store.plans.get(c.scope, 'acme'))?.timeZone).toBe('Africa/Casablanca');
  });

  it('gives a new plan the time zone its creator’s client reports (Teams), over the workspace default', async () => {
    const c = { ...ctx('T4'), timeZone: 'Africa/Casablanca' };
    await app.say('watch acme Acme', c);
    expect((await app.vigie.store.plans.get(c.scope, 'acme'))?.timeZone).toBe('Africa/Casablanca');
    expect((await app.say('show acme', c)).text).toContain('time zone: Africa/Casablanca');
  });

  it('refuses an unknown VIGIE_TIMEZONE at start with the setting’s name', async () => {
    await expect(testVigie({ VIGIE_TIMEZONE: 'Nowhere/Land' })).rejects.toThrow(/VIGIE_TIMEZONE/);
  });
});
