import { describe, expect, it } from 'vitest';
import {
  TALLY_TERMS_PER_DAY,
  addToTally,
  anchorsOf,
  keywordSuggestions,
  logOddsZ,
  queryTerms,
  termsOf,
  type TermDoc,
} from '../../src/core/keywords.js';
import { formatQuery } from '../../src/core/query/format.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 5, 12, 0);
const doc = (text: string, negative: boolean, anchored: boolean, at = NOW - 3_600_000): TermDoc => ({ at, terms: termsOf(text), negative, anchored });

describe('keyword suggestions', () => {
  it('keep the distinct words worth suggesting, folded, without function words, numbers or links', () => {
    expect(termsOf('Orange coupe la FIBRE à Casablanca, la fibre encore coupée https://x.example/1 2026 @orange')).toEqual([
      'orange',
      'coupe',
      'fibre',
      'casablanca',
      'coupee',
    ]);
  });

  it('know the words of the queries, excluded ones included, and the brand anchors', () => {
    expect([...queryTerms('"Orange Maroc" OR @orange_maroc -jus', 'Inwi')].sort()).toEqual(['inwi', 'jus', 'maroc', 'orange']);
    expect(formatQuery(anchorsOf('Orange OR "Orange Maroc" OR #OrangeMaroc -jus')!)).toBe('"Orange Maroc" OR #OrangeMaroc');
    expect(anchorsOf('Orange -jus')).toBeUndefined();
  });

  it('score by log-odds: forty of a hundred beat two of five', () => {
    expect(logOddsZ(40, 100, 4, 100)).toBeGreaterThan(logOddsZ(2, 5, 0, 100));
    expect(logOddsZ(5, 50, 5, 50)).toBe(0);
  });

  it('suggest words of the complaints to add, and the company of a homonym to exclude', () => {
    const docs: TermDoc[] = [];
    for (let i = 0; i < 12; i++) docs.push(doc('#OrangeMaroc réseau coupé depuis ce matin, fibre en panne', true, true));
    for (let i = 0; i < 30; i++) docs.push(doc('#OrangeMaroc nouvelle offre fibre pour les familles', false, true));
    for (let i = 0; i < 15; i++) docs.push(doc('recette de jus orange pressée et gâteau', false, false));
    const report = keywordSuggestions(addToTally(undefined, docs, NOW), NOW - 7 * DAY, { known: queryTerms('Orange OR #OrangeMaroc') });
    expect(report).toMatchObject({ matched: 57, negative: 12, anchored: 42 });
    expect(report.add.map((s) => s.term)).toEqual(expect.arrayContaining(['panne', 'coupe', 'reseau']));
    expect(report.add.map((s) => s.term)).not.toContain('fibre');
    expect(report.exclude.map((s) => s.term)).toEqual(expect.arrayContaining(['recette', 'jus', 'gateau']));
    expect(report.exclude.length).toBeLessThanOrEqual(5);
    for (const s of [...report.add, ...report.exclude]) expect(s.score).toBeGreaterThanOrEqual(1.96);
    expect([...report.add, ...report.exclude].map((s) => s.term)).not.toContain('orange');
  });

  it('suggest nothing from too few posts', () => {
    const report = keywordSuggestions(addToTally(undefined, [doc('Orange en panne', true, false), doc('Orange en panne', true, false)], NOW), 0, {
      known: new Set(),
    });
    expect(report.add).toEqual([]);
    expect(report.exclude).toEqual([]);
    expect(report.matched).toBe(2);
  });

  it('are counted by day: a week is kept, older days and rare words of a busy day go', () => {
    const old = doc('panne ancienne', true, true, NOW - 8 * DAY);
    const recent = doc('panne recente', true, true, NOW - 2 * DAY);
    const tally = addToTally(addToTally(undefined, [recent], NOW - 2 * DAY), [old, doc('panne', false, false)], NOW);
    expect(Object.keys(tally.days)).toHaveLength(2);
    const sum = keywordSuggestions(tally, NOW - 7 * DAY, { known: new Set() });
    expect(sum).toMatchObject({ matched: 2, negative: 1, anchored: 1 });
    // Only the days asked for count.
    expect(keywordSuggestions(tally, NOW - 1 * DAY, { known: new Set() }).matched).toBe(1);
    const busy = Array.from({ length: TALLY_TERMS_PER_DAY + 50 }, (_, i) => doc(`mot${i}x commun`, false, true));
    const capped = addToTally(undefined, busy, NOW);
    const day = Object.values(capped.days)[0]!;
    expect(Object.keys(day.terms)).toHaveLength(TALLY_TERMS_PER_DAY);
    expect(day.terms.commun).toEqual([TALLY_TERMS_PER_DAY + 50, 0, 0]);
    expect(day.totals).toEqual([TALLY_TERMS_PER_DAY + 50, 0, 0]);
  });
});
