import { describe, expect, it } from 'vitest';
import { QUERY_ERROR_CODES, QUERY_EXPECTED, TRANSLATE_ERROR_CODES } from '../../../src/core/query/errors.js';
import { query } from '../../../src/i18n/sections/query.js';

describe('query section of the catalogue', () => {
  const needed = [
    ...QUERY_ERROR_CODES.map((code) => `query.error.${code}`),
    ...QUERY_EXPECTED.map((token) => `query.expected.${token}`),
    ...TRANSLATE_ERROR_CODES.map((code) => `query.translate.${code}`),
  ];

  it('has English and French words for every error code and expected token', () => {
    expect(needed.filter((key) => !(key in query.en))).toEqual([]);
    expect(needed.filter((key) => !(key in query.fr))).toEqual([]);
  });

  it('holds no key that no error can produce', () => {
    expect(Object.keys(query.en).filter((key) => !needed.includes(key))).toEqual([]);
  });
});
