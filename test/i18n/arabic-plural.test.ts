import { describe, expect, it } from 'vitest';
import { arabicPlural } from '../../src/i18n/arabic-plural.js';

const POSTS = { one: 'منشور واحد', two: 'منشوران', few: '{n} منشورات', many: '{n} منشورًا', other: '{n} منشور' };

describe('Arabic plural forms', () => {
  it('follow CLDR: 0, 1, 2, 3–10, 11–99, then 100 and above by the last two digits', () => {
    const cases: Array<[number, string]> = [
      [0, '0 منشور'],
      [1, 'منشور واحد'],
      [2, 'منشوران'],
      [3, '3 منشورات'],
      [10, '10 منشورات'],
      [11, '11 منشورًا'],
      [99, '99 منشورًا'],
      [100, '100 منشور'],
      [103, '103 منشورات'],
      [111, '111 منشورًا'],
      [1.5, '1.5 منشور'],
    ];
    expect(cases).toHaveLength(11);
    for (const [n, expected] of cases) expect(arabicPlural(n, POSTS)).toBe(expected);
  });

  it('uses a zero form when given one, and shows the number as displayed', () => {
    expect(arabicPlural(0, { ...POSTS, zero: 'لا منشورات' })).toBe('لا منشورات');
    expect(arabicPlural(1250, POSTS, '1.250')).toBe('1.250 منشورًا');
    expect(arabicPlural('not a number', POSTS)).toBe('not a number منشور');
  });
});
