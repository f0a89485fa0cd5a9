import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testVigie, type TestVigie } from '../../support/vigie.js';

/** Values a new user types wrong: each refused with the valid ones, nothing saved; a change that drops something says so. */
describe('values checked by the commands', () => {
  let bot: TestVigie;
  beforeEach(async () => {
    bot = await testVigie();
    await bot.watchOnly('acme', 'Acme');
  });
  afterEach(async () => {
    await bot.close();
  });
  const plan = async () => (await bot.vigie.store.plans.get(bot.vigie.localContext('tester').scope, 'acme'))!;

  it('refuses a language code that is no language, listing the known ones', async () => {
    const { reply, text } = await bot.say('set acme languages fr,xx');
    expect(reply.ok).toBe(false);
    expect(text).toContain('xx is not a language code Vigie knows');
    expect(text).toMatch(/Known codes: am, ar, ary, .*\bfr\b.*; or "all"/);
    expect((await plan()).languages).toEqual([]);
  });

  it('says what `set languages` changed: English dropped, French and Arabic added', async () => {
    const first = await bot.say('set acme languages en');
    expect(first.text).toContain('languages were all languages, now English (en)');
    expect(first.text).toContain('No longer watched: every language but these');
    const { reply, text } = await bot.say('set acme languages fr,ar');
    expect(reply.ok).toBe(true);
    expect(text).toContain('languages were English (en), now French (fr), Arabic (ar)');
    expect(text).toContain('Now also watched: French (fr), Arabic (ar).');
    expect(text).toContain('No longer watched: English (en) (their posts are no longer counted).');
    expect((await plan()).languages).toEqual(['fr', 'ar']);
    const all = await bot.say('set acme languages all');
    expect(all.text).toContain('now all languages');
    expect(all.text).not.toContain('No longer watched');
  });

  it('refuses an RSS argument that is not a URL', async () => {
    const { reply, text } = await bot.say('source acme rss notaurl');
    expect(reply.ok).toBe(false);
    expect(text).toContain('"notaurl" is not an http(s) URL');
    const fine = await bot.say('source acme rss example.com/feed.xml');
    expect(fine.reply.ok).toBe(true);
    expect((await plan()).sources).toEqual([{ kind: 'rss', arg: 'https://example.com/feed.xml' }]);
  });

  it('refuses a Google News edition that does not exist, listing the languages', async () => {
    for (const arg of ['zz-ZZ', 'fr-ZZ', 'zz-FR', 'xx']) {
      const { reply, text } = await bot.say(`source acme gnews ${arg}`);
      expect(reply.ok, arg).toBe(false);
      expect(text, arg).toMatch(/is not a (Google News edition|news locale)/);
    }
    expect((await bot.say('source acme gnews zz-ZZ')).text).toMatch(/a language of ar, .*\bfr\b.* and a two-letter country code/);
    expect((await bot.say('source acme gnews fr-MA')).reply.ok).toBe(true);
    expect((await plan()).sources).toEqual([{ kind: 'gnews', arg: 'fr-MA' }]);
  });

  it('lists the valid values of every other refused field', async () => {
    expect((await bot.say('set acme sensitivity extreme')).text).toContain('low, normal or high');
    expect((await bot.say('set acme locale de')).text).toContain('en, fr or ar');
  });
});
