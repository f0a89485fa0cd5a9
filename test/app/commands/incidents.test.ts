import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/core/commands/types.js';
import { incidentFixture, planFixture } from '../../platforms/slack/fixtures.js';
import { type TestVigie, testVigie } from '../../support/vigie.js';

const owner: CommandContext = { scope: { platform: 'local', workspace: 'local' }, channel: 'terminal', user: 'amina', locale: 'en' };
const intruder: CommandContext = { ...owner, scope: { platform: 'local', workspace: 'intruder' }, user: 'mallory' };
const NOW = Date.UTC(2026, 10, 27, 9, 30);

describe('`used <incident> <n>`: the team used a suggested response', () => {
  let bot: TestVigie;
  beforeAll(async () => {
    bot = await testVigie({}, { now: () => NOW });
    await bot.vigie.store.plans.save(
      planFixture({ scope: owner.scope, destination: { platform: 'local', workspace: 'local', channel: 'terminal' }, escalation: [] }),
    );
    await bot.vigie.store.incidents.save(incidentFixture());
  });
  afterAll(async () => {
    await bot.close();
  });

  it('records the template draft it names, with who and when, and says so', async () => {
    const { reply, text } = await bot.say('used inc-1 2', owner);
    expect(reply.ok).toBe(true);
    expect(text).toBe('Recorded: amina used the reply to the first complainers (no. 2). The incident report shows it.');
    const used = (await bot.vigie.store.incidents.get('inc-1'))!.usedDrafts!;
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ kind: 'reply', n: 2, by: 'amina', at: NOW });
    // The text is the template reply of this incident (the playbook's, filled with its facts), as the thread offered it.
    expect(used[0]!.text).toContain('[DM link');
    expect(used[0]!.text).not.toContain('{');
  });

  it('a second mark of the same draft changes nothing and says who marked it', async () => {
    const { text } = await bot.say('used inc-1 2', { ...owner, user: 'karim' });
    expect(text).toContain('The reply to the first complainers was already marked as used by amina at');
    expect((await bot.vigie.store.incidents.get('inc-1'))!.usedDrafts).toHaveLength(1);
  });

  it('a bad number gets a catalogue error with the usage, and nothing is recorded', async () => {
    for (const word of ['4', '0', 'holding']) {
      const { reply, text } = await bot.say(`used inc-1 ${word}`, owner);
      expect(reply.ok).toBe(false);
      expect(text).toContain(
        `"${word}" is not a suggested response: give 1 (holding statement), 2 (reply to the first complainers) or 3 (internal brief).`,
      );
      expect(text).toContain('`used <incident> <n>`');
    }
    const missing = await bot.say('used inc-1', owner);
    expect(missing.reply.ok).toBe(false);
    expect(missing.text).toContain('`used <incident> <n>`');
    expect((await bot.vigie.store.incidents.get('inc-1'))!.usedDrafts).toHaveLength(1);
  });

  it('another workspace, or an unknown incident, is answered as not found', async () => {
    await bot.vigie.store.incidents.save(incidentFixture({ id: '5e7d0a11-2222-4333-8444-955566667777' }));
    const intruding = await bot.say('used 5e7d0a11-2222-4333-8444-955566667777 1', intruder);
    expect(intruding.text).toContain('That incident no longer exists or does not belong to this workspace.');
    // An id shorter than a safe prefix is refused as such, whoever types it: nothing is revealed.
    expect((await bot.say('used inc-1 1', intruder)).reply.ok).toBe(false);
    expect((await bot.say('used nope 1', owner)).reply.ok).toBe(false);
    expect((await bot.vigie.store.incidents.get('inc-1'))!.usedDrafts!.map((u) => u.kind)).toEqual(['reply']);
    expect((await bot.vigie.store.incidents.get('5e7d0a11-2222-4333-8444-955566667777'))!.usedDrafts).toBeUndefined();
  });

  it('takes a unique id prefix of 6 characters or more, as the alert shows it; an ambiguous one lists the matches', async () => {
    await bot.vigie.store.incidents.save(incidentFixture({ id: '9c4b2e10-aaaa-4bbb-8ccc-9dddeeeeffff' }));
    await bot.vigie.store.incidents.save(incidentFixture({ id: '9c4b2e77-aaaa-4bbb-8ccc-9dddeeeeffff' }));
    const ambiguous = await bot.say('used 9c4b2e 1', owner);
    expect(ambiguous.reply.lines[0]?.key).toBe('cmd.error.incident_ambiguous');
    expect(ambiguous.text).toContain('9c4b2e77-aaaa-4bbb-8ccc-9dddeeeeffff (Acme Air)');
    expect((await bot.say('used 9c4b2e10 1', owner)).reply.ok).toBe(true);
    expect((await bot.vigie.store.incidents.get('9c4b2e10-aaaa-4bbb-8ccc-9dddeeeeffff'))!.usedDrafts!.map((u) => u.kind)).toEqual(['holding']);
    expect((await bot.vigie.store.incidents.get('9c4b2e77-aaaa-4bbb-8ccc-9dddeeeeffff'))!.usedDrafts).toBeUndefined();
  });

  it('`history` and `show <incident>` count the responses used; `help` lists the command', async () => {
    expect((await bot.say('history "Acme Air" --since 30d', owner)).text).toContain('✓ suggested responses used: 1');
    expect((await bot.say('show inc-1', owner)).text).toContain('✓ suggested responses used: 1');
    expect((await bot.say('help', owner)).text).toContain('`used <incident> <n>`');
  });
});
