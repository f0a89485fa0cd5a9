import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/sources/feed-date.js';

describe('parseFeedDate', () => {
  it('reads RFC 822 dates in English as Date.parse does', () => {
    expect(parseFeedDate('Wed, 03 Jan 2018 13:47:00 GMT       ')).toBe(Date.parse('2018-01-03T13:47:00Z'));
  });

  it.each([
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T19:42:40-03:00'],
    ['lun., 24 sept. 2018 19:42 +0200', '2018-09-24T19:42:00+02:00'],
    ['mer., 2 juil. 2025 08:05:00 GMT', '2025-07-02T08:05:00Z'],
    ['jeu., 5 juin 2025 10:00:00 +0100', '2025-06-05T10:00:00+01:00'],
    ['Di, 17 Dez 2024 11:30:00 +0100', '2024-12-17T11:30:00+01:00'],
    ['mié, 7 ago 2024 09:15:00 UT', '2024-08-07T09:15:00Z'],
    ['13 févr. 2026 07:00', '2026-02-13T07:00:00Z'],
  ])('reads dates written in the publisher’s language: %s', (text, iso) => {
    expect(parseFeedDate(text)).toBe(Date.parse(iso));
  });

  it('gives undefined for what it cannot read rather than a guess', () => {
    for (const text of ['', 'hier soir', '24 Xyz 2018 10:00:00 GMT', '24 Set 2018 10:00:00 PST8PDT', '2018-13-45'])
      expect(parseFeedDate(text), text).toBeUndefined();
  });
});
