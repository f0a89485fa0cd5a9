import { describe, expect, it } from 'vitest';
import { PETITIONS_SEARCH, hashtagsOf, keywordsOf, matcherOf, wordsOf, xQueryOf } from '../../src/sources/plan-query.js';
import { planWith } from './context.js';

describe('plan queries for sources', () => {
  it('keyword searches cover every role of the plan, in the engine’s dialect', () => {
    const plan = planWith({ brand: 'acme (outage OR panne) -jobs', news: '"acme air"', competitors: 'globex' });
    expect(keywordsOf(plan, 'hn')).toEqual(['acme outage -jobs', 'acme panne -jobs', '"acme air"', 'globex']);
    expect(keywordsOf(plan, 'reddit')).toEqual(['acme (outage OR panne) NOT jobs', '"acme air"', 'globex']);
  });

  it('keeps the queries an engine can take and names the problem when none remains', () => {
    const plan = planWith({ brand: 'acme', competitors: '-globex' });
    expect(keywordsOf(plan, 'hn')).toEqual(['acme']);
    expect(() => keywordsOf(planWith({ brand: '-acme lang:fr' }), 'hn')).toThrow(/no word hn can search for/);
  });

  it('plain word searches drop exclusions and quotes', () => {
    expect(wordsOf(planWith({ brand: '"acme air" -jobs' }), PETITIONS_SEARCH)).toEqual(['acme air']);
  });

  it('X query: the plan’s queries OR’d, the plan language, no reposts', () => {
    expect(xQueryOf(planWith({ brand: 'acme NOT hiring' }))).toBe('acme -hiring -is:retweet');
    expect(xQueryOf(planWith({ brand: 'acme', news: '"acme air"' }, { languages: ['fr'] }))).toBe('(acme OR "acme air") lang:fr -is:retweet');
  });

  it('X query too long for X says so', () => {
    expect(() => xQueryOf(planWith({ brand: Array.from({ length: 80 }, (_, i) => `word${i}`).join(' OR ') }))).toThrow(/too long for x/);
  });

  it('hashtags come from the query language’s choice for each role', () => {
    expect(hashtagsOf(planWith({ brand: '#AcmeFail OR acme', news: '"acme air"' }))).toEqual(['AcmeFail', 'acme']);
  });

  it('matches posts with the compiled queries, in the plan’s languages', () => {
    const match = matcherOf(planWith({ brand: 'médias -pub', news: '"acme air"' }, { languages: ['fr'] }));
    expect(match('Les MEDIAS en parlent', 'fr')).toBe(true);
    expect(match('vol Acme Air annulé', undefined)).toBe(true);
    expect(match('les médias et la pub', 'fr')).toBe(false);
    expect(match('les médias', 'en')).toBe(false);
    expect(matcherOf(planWith({ brand: 'أكمي' }))('خدمة أكمي سيئة', 'ar')).toBe(true);
  });
});
