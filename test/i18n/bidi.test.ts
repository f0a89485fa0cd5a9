import { describe, expect, it } from 'vitest';
import { FSI, isBareUrl, isolate, LRM, PDI, RLM, rightToLeftLines, stripBidiControls } from '../../src/i18n/bidi.js';

describe('right-to-left text', () => {
  it('marks a line right to left only where it would open left to right, after any leading markup', () => {
    expect(rightToLeftLines('Vigie: تنبيه')).toBe(`${RLM}Vigie: تنبيه`);
    expect(rightToLeftLines('تنبيه على Vigie')).toBe('تنبيه على Vigie');
    // A plan name in an isolate does not count: the first strong letter outside it is Arabic.
    expect(rightToLeftLines(`• ${isolate('acme')} نشطة`)).toBe(`• ${FSI}acme${PDI} نشطة`);
    expect(rightToLeftLines('*Vigie* ينبّه')).toBe(`*${RLM}Vigie* ينبّه`);
    expect(rightToLeftLines(`خطأ\n${LRM}\`acme OR )\`\n\n(${isolate('72/100')})`)).toBe(`خطأ\n${LRM}\`acme OR )\`\n\n(${isolate('72/100')})`);
  });

  it('isolates values, but not an empty one', () => {
    expect(isolate('acme-2024')).toBe(`${FSI}acme-2024${PDI}`);
    expect(isolate(42)).toBe(`${FSI}42${PDI}`);
    expect(isolate('')).toBe('');
  });

  it('tells a bare URL, which must stay without controls around it', () => {
    expect(isBareUrl('https://x.com/jdoe/status/1')).toBe(true);
    expect(isBareUrl('<https://x.com|@jdoe>')).toBe(false);
    expect(isBareUrl('see https://x.com')).toBe(false);
  });

  it('strips every direction control from typed or copied text', () => {
    expect(stripBidiControls(`${RLM}resume ${FSI}acme${PDI}\u202b\u202c${LRM}`)).toBe('resume acme');
  });
});
