import { describe, expect, it } from 'vitest';
import { canonicalLanguage, createLanguageDetector } from '../../../src/core/sentiment/langid.js';
import { loadEldDetector } from '../../../src/models/language.js';

const detectLanguage = createLanguageDetector(await loadEldDetector());
const rulesOnly = createLanguageDetector();

describe('detectLanguage on short posts', () => {
  it.each([
    ['@united lost my bag again, worst airline ever', 'en'],
    ['just landed, thanks for the smooth flight!', 'en'],
    ['Mon vol est encore annulé, merci pour rien', 'fr'],
    ["j'adore ce nouveau service, bravo l'équipe", 'fr'],
    ['الخدمة سيئة جدا ولم يرد أحد', 'ar'],
    ['ما عجبني والو هاد الشي', 'ar'],
    ['ma3jbnich had service, 7ta wa7ed ma jawb', 'ar'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it.each([
    ['El servicio es muy malo, no me gusta nada', 'es'],
    ['Das ist wirklich nicht gut, ich bin sauer', 'de'],
    ['Il servizio è pessimo, non mi piace per niente', 'it'],
  ])('leaves other languages to ELD: %s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('says und when there is nothing to go on', () => {
    expect(detectLanguage('😍😍 @user http')).toBe('und');
  });

  it('settles script, Arabizi and clear function words without ELD, and says und for the rest', () => {
    expect(rulesOnly('الخدمة سيئة جدا')).toBe('ar');
    expect(rulesOnly('ma3jbnich had service')).toBe('ar');
    expect(rulesOnly('this is the worst flight of my life')).toBe('en');
    expect(rulesOnly('je ne suis pas content du tout')).toBe('fr');
    expect(rulesOnly('Il servizio è pessimo')).toBe('und');
  });
});

describe('canonicalLanguage', () => {
  it('reduces tags and dialect codes to ISO 639-1', () => {
    expect(canonicalLanguage('fr-FR')).toBe('fr');
    expect(canonicalLanguage('ary')).toBe('ar');
    expect(canonicalLanguage('EN')).toBe('en');
    expect(canonicalLanguage('')).toBeUndefined();
    expect(canonicalLanguage(undefined)).toBeUndefined();
  });
});
