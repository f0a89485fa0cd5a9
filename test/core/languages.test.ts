import { describe, expect, it } from 'vitest';
import { KNOWN_LANGUAGES } from '../../src/core/languages.js';

describe('the languages Vigie knows', () => {
  it('are the language detector’s, and Darija', async () => {
    const { eld } = await import('eld/extrasmall');
    const detector = Object.values((eld.info() as { Languages: Record<string, string> }).Languages);
    expect(detector).toHaveLength(60);
    expect([...KNOWN_LANGUAGES].sort()).toEqual([...detector, 'ary'].sort());
  });
});
