import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src/core/query/compile.js';
import { matchedTerms, matches } from '../../../src/core/query/match.js';
import { prepareText, type MatchInput } from '../../../src/core/query/prepare.js';

function hit(query: string, mention: MatchInput | string): boolean {
  return matches(compileQuery(query), prepareText(typeof mention === 'string' ? { text: mention } : mention));
}

describe('matches: words', () => {
  it('ignores case and accents on both sides', () => {
    expect(hit('medias', 'Les Médias en parlent')).toBe(true);
    expect(hit('Médias', 'les medias en parlent')).toBe(true);
    expect(hit('ÉLYSÉE', "L'élysée dément")).toBe(true);
    expect(hit('strasse', 'Hauptstraße gesperrt')).toBe(false);
    expect(hit('hauptstrasse', 'Hauptstraße gesperrt')).toBe(true);
  });

  it('matches whole words only', () => {
    expect(hit('Quick', 'The Quick fox')).toBe(true);
    expect(hit('Quick', 'move quickly')).toBe(false);
    expect(hit('Quick', 'a quick-service restaurant')).toBe(true);
    expect(hit('Quick', "Quick's new burger")).toBe(true);
    expect(hit('quick', 'QuickBooks is down')).toBe(false);
    expect(hit('ram', 'program')).toBe(false);
  });

  it('finds a word inside a hashtag or an @mention, not inside a longer tag', () => {
    expect(hit('acme', 'Never again #acme')).toBe(true);
    expect(hit('acme', 'cc @acme please answer')).toBe(true);
    expect(hit('acme', 'cc @acme_support please answer')).toBe(true);
    expect(hit('acme', 'Never again #AcmeFail')).toBe(false);
  });

  it('does not look at the author for a plain word', () => {
    expect(hit('acme', { text: 'new store opening today', author: 'acme' })).toBe(false);
  });

  it('supports trailing wildcards on a whole-word start', () => {
    expect(hit('boycott*', 'Time to BOYCOTTER this brand')).toBe(true);
    expect(hit('boycott*', 'boycott')).toBe(true);
    expect(hit('boycott*', 'antiboycott')).toBe(false);
    expect(hit('rembours*', 'Toujours pas de remboursement !')).toBe(true);
  });

  it('puts a wildcard on the last word of a hyphenated or CJK term', () => {
    expect(hit('coca-co*', 'Coca-Cola sponsors')).toBe(true);
    expect(hit('coca-co*', 'Coca and cola')).toBe(false);
    expect(hit('索尼*', '索尼公司')).toBe(true);
    expect(hit('索尼*', '尼索')).toBe(false);
  });
});

describe('matches: French', () => {
  it('sees the word behind elided articles and pronouns', () => {
    expect(hit('acme', "Je déteste l'Acme")).toBe(true);
    expect(hit('acme', 'Le service d’Acme est nul')).toBe(true);
    expect(hit('acme', "C'est ce qu'Acme a dit")).toBe(true);
    expect(hit('entreprise', "L'ENTREPRISE a menti")).toBe(true);
  });

  it('matches phrases across elisions and accents', () => {
    expect(hit('"service client"', 'Le Service Client ne répond jamais')).toBe(true);
    expect(hit('"l\'acme ment"', 'Encore une fois, L’Acme ment.')).toBe(true);
    expect(hit('"grève générale"', 'appel à la greve generale demain')).toBe(true);
    expect(hit('"service client"', 'client service')).toBe(false);
  });

  it('reads a realistic French brand query', () => {
    const query = '(acme OR "groupe acme") (grève OR scandale OR rembours*) -emploi -recrute';
    expect(hit(query, 'Grève chez Acme : les trains à l’arrêt')).toBe(true);
    expect(hit(query, "Toujours pas remboursée par l'Acme…")).toBe(true);
    expect(hit(query, 'Acme recrute : offre d’emploi à Lyon, pas de grève')).toBe(false);
    expect(hit(query, 'Grève générale annoncée')).toBe(false);
  });
});

describe('matches: Arabic', () => {
  it('matches across alef forms, ta marbuta, alef maksura, tatweel and harakat', () => {
    expect(hit('اسعار', 'ارتفاع أسعار الوقود')).toBe(true);
    expect(hit('أسعار', 'ارتفاع اسعار الوقود')).toBe(true);
    expect(hit('شركة', 'هذه شركه سيئة')).toBe(true);
    expect(hit('مستشفى', 'مستشفي المدينة مغلق')).toBe(true);
    expect(hit('شركة', 'شـــركة النقل')).toBe(true);
    expect(hit('محمد', 'قال مُحَمَّد اليوم')).toBe(true);
  });

  it('matches a noun with or without its attached article and particles', () => {
    expect(hit('شركة', 'أعلنت الشركة إفلاسها')).toBe(true);
    expect(hit('شركة', 'والشركة لم ترد')).toBe(true);
    expect(hit('الشركة', 'شركة جديدة')).toBe(true);
    expect(hit('"خدمة العملاء"', 'خدمة العملاء سيئة جدا')).toBe(true);
    expect(hit('"خدمة العملاء"', 'عملاء الخدمة')).toBe(false);
  });

  it('keeps whole words in Arabic script', () => {
    expect(hit('شركة', 'شركات النقل')).toBe(false);
    expect(hit('شرك*', 'شركات النقل')).toBe(true);
  });

  it('handles Arabic exclusions and mixed scripts', () => {
    const query = '(acme OR أكمي) -وظائف';
    expect(hit(query, 'خدمة أكمي سيئة')).toBe(true);
    expect(hit(query, 'وظائف في اكمي')).toBe(false);
    expect(hit(query, 'Acme في المغرب')).toBe(true);
  });
});

describe('matches: operators and fields', () => {
  it('applies exclusions and precedence', () => {
    expect(hit('acme -jobs', 'acme is hiring, see jobs')).toBe(false);
    expect(hit('acme -jobs', 'acme is down')).toBe(true);
    expect(hit('acme OR globex -recall', 'globex recall')).toBe(false);
    expect(hit('acme OR globex -recall', 'acme recall')).toBe(true);
    expect(hit('NOT spam', 'anything at all')).toBe(true);
  });

  it('matches @handle against the author or an @mention', () => {
    expect(hit('@acme', { text: 'new store', author: '@Acme' })).toBe(true);
    expect(hit('@acme', { text: 'new store', author: 'acme@mastodon.social' })).toBe(true);
    expect(hit('@acme', { text: 'new store', author: 'acme.bsky.social' })).toBe(true);
    expect(hit('@acme', 'hey @ACME why?')).toBe(true);
    expect(hit('@acme', 'acme is down')).toBe(false);
    expect(hit('@acme', 'hey @acme_support')).toBe(false);
    expect(hit('@acme@mastodon.social', { text: 'x', author: 'acme@mastodon.social' })).toBe(true);
    expect(hit('@acme@mastodon.social', { text: 'x', author: 'acme@other.social' })).toBe(false);
  });

  it('matches #tag against hashtags only, whole', () => {
    expect(hit('#acme', 'down again #ACME')).toBe(true);
    expect(hit('#acme', 'acme is down again')).toBe(false);
    expect(hit('#acme', 'down again #acmefail')).toBe(false);
    expect(hit('#BoycottAcmé', '#boycottacme now')).toBe(true);
    expect(hit('#مقاطعة', 'حملة #مقاطعة')).toBe(true);
  });

  it('matches lang: on the primary subtag; a mention without a language is no language', () => {
    expect(hit('acme lang:fr', { text: 'acme', lang: 'fr-FR' })).toBe(true);
    expect(hit('acme lang:fr', { text: 'acme', lang: 'FR' })).toBe(true);
    expect(hit('acme lang:fr', { text: 'acme', lang: 'en' })).toBe(false);
    expect(hit('acme lang:fr', { text: 'acme' })).toBe(false);
    expect(hit('acme -lang:fr', { text: 'acme' })).toBe(true);
  });

  it('looks at the title too, without letting a phrase span title and text', () => {
    expect(hit('acme', { title: 'Acme recalls cars', text: 'The company said…' })).toBe(true);
    expect(hit('"recall acme"', { title: 'Massive recall', text: 'Acme says sorry' })).toBe(false);
  });

  it('matches CJK words as character sequences', () => {
    expect(hit('索尼', '索尼公司今天宣布')).toBe(true);
    expect(hit('索尼', '尼索')).toBe(false);
  });
});

describe('matchedTerms', () => {
  it('lists the positive leaves found, as written, never exclusions or lang', () => {
    const query = compileQuery('(Acme OR "bad service" OR #acme OR @acme OR boycott*) -jobs lang:en');
    const text = prepareText({ text: 'ACME bad service, #acme boycotting', author: 'bob', lang: 'en' });
    expect(matchedTerms(query, text)).toEqual(['Acme', '"bad service"', '#acme', 'boycott*']);
  });

  it('is empty when the query does not match', () => {
    expect(matchedTerms(compileQuery('acme -jobs'), prepareText({ text: 'acme jobs' }))).toEqual([]);
  });
});
