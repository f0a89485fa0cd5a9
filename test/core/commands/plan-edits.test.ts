import { describe, expect, it } from 'vitest';
import { newPlan, parseQuietHours, platformIds, setField, withAddedTerms, withExcludedTerms } from '../../../src/core/commands/plan-edits.js';
import { PlanSchema } from '../../../src/core/plan.js';

const plan = newPlan({
  id: 'p1',
  name: 'acme',
  brand: 'Acme',
  scope: { platform: 'slack', workspace: 'T1' },
  destination: { platform: 'slack', workspace: 'T1', channel: 'C1' },
  locale: 'fr',
  by: 'U1',
  at: 1_700_000_000_000,
});

describe('plan edits', () => {
  it('creates a valid, active plan scoped to its workspace', () => {
    expect(PlanSchema.parse(plan)).toEqual(plan);
    expect(plan.status).toBe('active');
    expect(plan.scope).toEqual({ platform: 'slack', workspace: 'T1' });
  });

  it('adds alternatives and exclusions to the brand query', () => {
    expect(withAddedTerms('Acme', ['acmeair', '"Acme Air"'])).toBe('(Acme) OR acmeair OR "Acme Air"');
    expect(withExcludedTerms('Acme', ['job', '-hiring'])).toBe('(Acme) -job -hiring');
  });

  it('sets each field and refuses bad values with what is expected', () => {
    const high = setField(plan, 'sensitivity', 'HIGH');
    expect(high.ok && high.plan.sensitivity).toBe('high');
    expect(setField(plan, 'sensitivity', 'extreme')).toEqual({ ok: false, expected: { key: 'cmd.expected.sensitivity' } });
    const langs = setField(plan, 'languages', 'fr, ar,en');
    expect(langs.ok && langs.plan.languages).toEqual(['fr', 'ar', 'en']);
    const all = setField(plan, 'languages', 'all');
    expect(all.ok && all.plan.languages).toEqual([]);
    expect(setField(plan, 'languages', 'french').ok).toBe(false);
    const contacts = setField(plan, 'escalation', '<@U123|amina> <@U456>');
    expect(contacts.ok && contacts.plan.escalation).toEqual(['U123', 'U456']);
    const channel = setField(plan, 'channel', '<#C999|crise>');
    expect(channel.ok && channel.plan.destination.channel).toBe('C999');
    const quiet = setField(plan, 'quiet', '22:00-7:00 Africa/Casablanca');
    expect(quiet.ok && quiet.plan.quietHours).toEqual({ start: '22:00', end: '07:00', timeZone: 'Africa/Casablanca' });
    if (!quiet.ok) throw new Error('quiet hours refused');
    const off = setField(quiet.plan, 'quiet', 'off');
    expect(off.ok && off.plan.quietHours).toBeUndefined();
    expect(setField(plan, 'quiet', '22:00-07:00 Mars/Olympus').ok).toBe(false);
  });

  it('reads Slack-style ids', () => {
    expect(platformIds('<@U1|a>, @bob <#C2>')).toEqual(['U1', 'bob', 'C2']);
    expect(parseQuietHours('25:00-07:00')).toBeUndefined();
  });
});
