import { describe, expect, it } from 'vitest';
import { buildAlertView } from '../../src/core/alert-view.js';
import { translator } from '../../src/i18n/catalog.js';
import { stateLines, totalsLine } from '../../src/platforms/alert-text.js';
import { releaseTime } from '../../src/core/incident/quiet-hours.js';
import { draftFacts } from '../../src/core/respond/drafts.js';
import { loadPlaybooks } from '../../src/drafting/playbook-files.js';
import { incident, plan, sample } from './respond/fixtures/incidents.js';
import { canonicalTimeZone, formatInZone, isTimeZone, localTime, planTimeZone } from '../../src/core/time-zone.js';

const MIN = 60_000;

describe('plan time zone', () => {
  it('is the plan’s own, else its quiet hours’ zone (plans from before the setting), else the workspace default', () => {
    const quiet = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };
    expect(planTimeZone({ timeZone: 'Africa/Casablanca', quietHours: quiet }, 'UTC')).toBe('Africa/Casablanca');
    expect(planTimeZone({ quietHours: quiet }, 'UTC')).toBe('Europe/Paris');
    expect(planTimeZone({}, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  it('accepts IANA names only, in their canonical spelling', () => {
    expect(canonicalTimeZone('africa/casablanca')).toBe('Africa/Casablanca');
    expect(canonicalTimeZone(' UTC ')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('GMT+25')).toBe(false);
  });

  it('writes times across a daylight-saving change with the offset of each instant (Europe/Paris, 29 March 2026)', () => {
    const before = Date.UTC(2026, 2, 29, 0, 30);
    const after = Date.UTC(2026, 2, 29, 1, 30);
    expect(formatInZone(before, 'Europe/Paris')).toBe('2026-03-29 01:30 Europe/Paris (UTC+01:00)');
    expect(formatInZone(after, 'Europe/Paris')).toBe('2026-03-29 03:30 Europe/Paris (UTC+02:00)');
    expect(formatInZone(after, 'UTC')).toBe('2026-03-29 01:30 UTC');
  });

  it('follows Morocco’s Ramadan hour: Africa/Casablanca goes from UTC+1 to UTC+0 and back (2026)', () => {
    // The IANA database moves Morocco to UTC+0 on 15 February 2026 at 03:00 local, and back on 22 March.
    expect(localTime(Date.UTC(2026, 1, 15, 1, 30), 'Africa/Casablanca')).toEqual({ date: '2026-02-15', time: '02:30', offset: '+01:00' });
    expect(localTime(Date.UTC(2026, 1, 15, 2, 30), 'Africa/Casablanca')).toEqual({ date: '2026-02-15', time: '02:30', offset: '+00:00' });
    expect(localTime(Date.UTC(2026, 2, 22, 2, 30), 'Africa/Casablanca')).toEqual({ date: '2026-03-22', time: '03:30', offset: '+01:00' });
    expect(formatInZone(Date.UTC(2026, 1, 20, 12, 0), 'Africa/Casablanca')).toBe('2026-02-20 12:00 Africa/Casablanca (UTC+00:00)');
  });

  it('releases an alert held by quiet hours at the local end of the night, across the Ramadan switch', () => {
    const quiet = { start: '22:00', end: '07:00', timeZone: 'Africa/Casablanca' };
    // 14 February 23:00 UTC is midnight in Casablanca (UTC+1); by 07:00 local on the 15th Morocco is at UTC+0.
    const raised = Date.UTC(2026, 1, 14, 23, 0);
    expect(releaseTime(quiet, raised, 'high')).toBe(Date.UTC(2026, 1, 15, 7, 0));
    // Outside Ramadan the same night ends an hour earlier in UTC.
    expect(releaseTime(quiet, Date.UTC(2026, 0, 14, 23, 0), 'high')).toBe(Date.UTC(2026, 0, 15, 6, 0));
    // Critical alerts are never held.
    expect(releaseTime(quiet, raised, 'critical')).toBe(raised);
    // Across a European daylight-saving change: 22:00-07:00 Paris on the night of 28-29 March ends at 05:00 UTC.
    expect(releaseTime({ ...quiet, timeZone: 'Europe/Paris' }, Date.UTC(2026, 2, 28, 23, 0) + 5 * MIN, 'medium')).toBe(Date.UTC(2026, 2, 29, 5, 0));
  });
});

describe('drafts in the plan’s zone', () => {
  it('write the opening time in the plan’s zone (Ramadan hour included), and in the quiet hours’ zone for older plans', async () => {
    const [{ en }] = [await loadPlaybooks({})];
    const openedAt = Date.UTC(2026, 1, 20, 9, 15);
    const opened = incident([sample('Acme lost my bags', { publishedAt: openedAt })], { openedAt });
    const local = draftFacts(opened, plan({ timeZone: 'Africa/Casablanca' }), en.playbook, { now: openedAt });
    expect(local.values.opened_at).toBe('2026-02-20 09:15 Africa/Casablanca');
    const older = plan({ quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' } });
    expect(draftFacts(opened, older, en.playbook, { now: openedAt }).values.opened_at).toBe('2026-02-20 10:15 Europe/Paris');
  });
});

describe('alerts in the plan’s zone', () => {
  it('write the opening and the clicks in the plan’s local time', () => {
    const openedAt = Date.UTC(2026, 2, 29, 1, 30);
    const opened = incident([sample('Acme lost my bags', { publishedAt: openedAt })], {
      openedAt,
      acknowledged: { by: 'U2', at: openedAt + 30 * MIN },
    });
    const view = buildAlertView(opened, plan({ timeZone: 'Europe/Paris' }), 'UTC');
    expect(view.timeZone).toBe('Europe/Paris');
    const t = translator('en');
    expect(totalsLine(view, t)).toContain('2026-03-29 03:30 Europe/Paris (UTC+02:00)');
    expect(stateLines(view, t).join('\n')).toContain('2026-03-29 04:00 Europe/Paris (UTC+02:00)');
    expect(buildAlertView(opened, plan(), 'Africa/Casablanca').timeZone).toBe('Africa/Casablanca');
  });
});
