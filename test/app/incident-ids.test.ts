import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/types.js';
import { incidentFixture } from '../store/contract.js';
import { testVigie, type TestVigie } from '../support/vigie.js';

const ctx = (workspace: string, user = 'amina'): CommandContext => ({
  scope: { platform: 'local', workspace },
  channel: 'terminal',
  user,
  locale: 'en',
});

/** Alerts show an incident's first 8 characters: `act` must accept what the alert shows. */
describe('incident ids typed as the alert shows them', () => {
  let bot: TestVigie;
  beforeEach(async () => {
    bot = await testVigie();
    await bot.watchOnly('acme', 'Acme', ctx('local'));
    await bot.watchOnly('rival', 'Rival', ctx('other-workspace'));
    const mine = (await bot.vigie.store.plans.get(ctx('local').scope, 'acme'))!;
    const theirs = (await bot.vigie.store.plans.get(ctx('other-workspace').scope, 'rival'))!;
    await bot.vigie.store.incidents.save(incidentFixture('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c', mine.id, 1000));
    await bot.vigie.store.incidents.save(incidentFixture('8b2e4d10-1111-4222-8333-944455556666', mine.id, 500, 'resolved'));
    await bot.vigie.store.incidents.save(incidentFixture('8b2e4d19-aaaa-4bbb-8ccc-9dddeeeeffff', mine.id, 200, 'resolved'));
    // Another workspace's incident shares the first 6 characters of ours: it must never be matched nor named.
    await bot.vigie.store.incidents.save(incidentFixture('3f9a1c77-9999-4888-8777-966655554444', theirs.id, 1000));
  });
  afterEach(async () => {
    await bot.close();
  });

  it('accepts the short id an alert shows, and any unique prefix of 6 characters or more', async () => {
    const short = await bot.say('act 3f9a1c22 ack', ctx('local'));
    expect(short.reply.ok).toBe(true);
    expect((await bot.vigie.store.incidents.get('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c'))!.acknowledged?.by).toBe('amina');
    const six = await bot.say('act 3F9A1C escalate', ctx('local', 'karim'));
    expect(six.text).toContain('karim escalated');
    const full = await bot.say('act 8b2e4d10-1111-4222-8333-944455556666 mute', ctx('local'));
    expect(full.reply.ok).toBe(true);
  });

  it('lists the matches of an ambiguous prefix, refuses fewer than 6 characters, and never reveals another workspace', async () => {
    const ambiguous = await bot.say('act 8b2e4d ack', ctx('local'));
    expect(ambiguous.reply.ok).toBe(false);
    expect(ambiguous.text).toContain('matches several incidents');
    expect(ambiguous.text).toContain('8b2e4d10-1111-4222-8333-944455556666 (acme)');
    expect(ambiguous.text).toContain('8b2e4d19-aaaa-4bbb-8ccc-9dddeeeeffff (acme)');
    const short = await bot.say('act 3f9a1 ack', ctx('local'));
    expect(short.reply.lines[0]?.key).toBe('cmd.error.incident_prefix_short');
    expect(short.text).toContain('at least 6 characters');
    const intruder = await bot.say('act 3f9a1c ack', ctx('other-workspace'));
    expect(intruder.reply.ok).toBe(true);
    expect((await bot.vigie.store.incidents.get('3f9a1c77-9999-4888-8777-966655554444'))!.acknowledged?.by).toBe('amina');
    expect((await bot.vigie.store.incidents.get('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c'))!.acknowledged).toBeUndefined();
    const nobody = await bot.say('act 3f9a1c22 ack', ctx('third-workspace'));
    expect(nobody.reply.lines[0]?.key).toBe('cmd.error.incident_not_found');
    expect(nobody.text).not.toContain('3f9a1c77');
  });
  it('takes the same ids in show, export and report revoke', async () => {
    const shown = await bot.say('show 3f9a1c22', ctx('local'));
    expect(shown.reply.lines.map((l) => l.key)).toContain('report.link');
    expect(shown.text).toContain('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c');
    const exported = await bot.say('export 3f9a1c jsonl', ctx('local'));
    expect(exported.reply.ok).toBe(true);
    expect(exported.reply.file?.incidentId).toBe('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c');
    const revoked = await bot.say('report revoke 3f9a1c22', ctx('local'));
    expect(revoked.reply.ok).toBe(true);
    expect((await bot.vigie.store.incidents.get('3f9a1c22-0c4e-4b7e-9a51-7f1d2e3a4b5c'))!.reportRevokedAt).toBeDefined();
    for (const typed of ['show 8b2e4d', 'export 8b2e4d', 'report revoke 8b2e4d']) {
      const ambiguous = await bot.say(typed, ctx('local'));
      expect(ambiguous.reply.lines[0]?.key).toBe('cmd.error.incident_ambiguous');
      expect(ambiguous.text).toContain('8b2e4d19-aaaa-4bbb-8ccc-9dddeeeeffff (acme)');
    }
    const short = await bot.say('report revoke 3f9a1', ctx('local'));
    expect(short.reply.lines[0]?.key).toBe('cmd.error.incident_prefix_short');
    const intruder = await bot.say('export 3f9a1c22', ctx('other-workspace'));
    expect(intruder.reply.lines[0]?.key).toBe('export.not_found');
  });
});
