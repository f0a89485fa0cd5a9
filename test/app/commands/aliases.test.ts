import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogueAliases } from '../../../src/app/commands/aliases.js';
import { foldWord } from '../../../src/core/commands/aliases.js';
import { everyLocale } from '../../../src/i18n/catalog.js';
import { incidentFixture } from '../../store/contract.js';
import { testVigie, type TestVigie } from '../../support/vigie.js';

/** A terminal in English (VIGIE_LOCALE en), a plan in French: the plan's locale decides, and French words are understood. */
describe('words of the plan’s language', () => {
  let bot: TestVigie;
  beforeEach(async () => {
    bot = await testVigie({ VIGIE_LOCALE: 'en' });
    await bot.watchOnly('acme', 'Acme');
  });
  afterEach(async () => {
    await bot.close();
  });
  const plan = async () => (await bot.vigie.store.plans.get(bot.vigie.localContext('tester').scope, 'acme'))!;

  it('answers in the plan’s locale, not the terminal’s, from the command that sets it on', async () => {
    const switched = await bot.say('set acme locale fr');
    expect(switched.text).toBe('Plan *acme* : locale vaut maintenant fr.');
    expect((await bot.say('show acme')).text).toMatch(/^\*acme\* \(actif\), créé par tester/);
    expect((await bot.say('pause acme')).reply.locale).toBe('fr');
    // A command about no plan stays in the caller's language.
    expect((await bot.say('list')).text).toMatch(/\*acme\*: paused/);
    expect((await bot.say('show nowhere')).reply.locale).toBeUndefined();
  });

  it('takes French field names, values and command words', async () => {
    await bot.say('set acme locale fr');
    const sensitivity = await bot.say('set acme sensibilité haute');
    expect(sensitivity.reply.ok).toBe(true);
    expect(sensitivity.text).toContain('sensitivity vaut maintenant high');
    expect((await plan()).sensitivity).toBe('high');
    expect((await bot.say('régler acme Sensibilite basse')).reply.ok).toBe(true);
    expect((await plan()).sensitivity).toBe('low');
    const languages = await bot.say('set acme langues fr,ar');
    expect(languages.text).toContain('Plus surveillées : toutes les autres langues');
    expect((await plan()).languages).toEqual(['fr', 'ar']);
    expect((await bot.say('set acme langues toutes')).reply.ok).toBe(true);
    expect((await plan()).languages).toEqual([]);
    expect((await bot.say('liste')).text).toContain('*acme*');
    expect((await bot.say('etat')).reply.ok).toBe(true);
    expect((await bot.say('aide')).text).toContain('watch <plan> <query>');
    await bot.vigie.store.incidents.save(incidentFixture('5e1f0a2b-0000-4000-8000-000000000001', (await plan()).id, 1000));
    expect((await bot.say('agir 5e1f0a2b acquitter')).reply.ok).toBe(true);
    expect((await bot.vigie.store.incidents.get('5e1f0a2b-0000-4000-8000-000000000001'))!.acknowledged?.by).toBe('tester');
  });
});

describe('the alias tables', () => {
  it('come from every locale of the catalogue, and no word names two things', () => {
    const aliases = catalogueAliases();
    expect(everyLocale('alias.field.sensitivity')).toEqual(['sensitivity', 'sensibilité', 'الحساسية']);
    expect(aliases.fields.get(foldWord('الحساسية'))).toBe('sensitivity');
    expect(aliases.commands.get(foldWord('أضف'))).toBe('add');
    expect(aliases.fields.get('sensibilite')).toBe('sensitivity');
    expect(aliases.commands.get('surveiller')).toBe('watch');
    expect(aliases.values.get('sensitivity')?.get('haute')).toBe('high');
    const keys = ['command', 'field', 'button'] as const;
    for (const kind of keys) {
      const table = kind === 'command' ? aliases.commands : kind === 'field' ? aliases.fields : aliases.buttons;
      const typed = [...table.keys()];
      expect(typed.length, kind).toBeGreaterThan(4);
      // Each word once per table, and every folded word of the catalogue landed in the table (none lost to a clash).
      const all = [...new Set(table.values())].flatMap((name) => [
        ...new Set(everyLocale(`alias.${kind}.${name}` as never).flatMap((e) => e.split(',').map(foldWord))),
      ]);
      expect(new Set(all).size, kind).toBe(all.length);
    }
  });
});
