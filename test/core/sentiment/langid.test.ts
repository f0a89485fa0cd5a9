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
    ['ما عجبني والو هاد الشي', 'ary'],
    ['ma3jbnich had service, 7ta wa7ed ma jawb', 'ary'],
    ['Acme a perdu ma valise', 'fr'],
    ['ma3ejbnich', 'ary'],
    ['wach kayn chi wa7ed khdam m3a Acme', 'ary'],
    ['service dial Acme khayb bzaf', 'ary'],
    ['Tonight at the stadium with @Acme', 'en'],
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

  it('puts dialectal Arabic without Darija words in Arabic', () => {
    expect(detectLanguage('شركة اكمي سرقت فلوسي')).toBe('ar');
  });

  it('prefers the watched languages: a short post is put in one of them rather than in a language nobody watches', () => {
    expect(detectLanguage('Acme a perdu ma valise', ['fr', 'ar'])).toBe('fr');
    expect(detectLanguage('Il servizio è pessimo', ['fr', 'en'])).not.toBe('it');
    expect(detectLanguage('Das ist wirklich nicht gut, ich bin sauer', ['en', 'fr'])).toMatch(/^(en|fr)$/);
    expect(detectLanguage('El servicio es muy malo, no me gusta nada', ['es', 'fr'])).toBe('es');
  });

  it('keeps Darija as Darija for a plan watching Arabic, and Arabic script as Darija for a plan watching only Darija', () => {
    expect(detectLanguage('هاد الشركة خايبة بزاف', ['ar', 'fr'])).toBe('ary');
    expect(detectLanguage('الخدمة سيئة جدا', ['ary'])).toBe('ary');
    expect(detectLanguage('الخدمة سيئة جدا', ['ar'])).toBe('ar');
  });

  it('reads the script of the words, not of the @handles and #hashtags around them', () => {
    expect(detectLanguage('@RoyalAirMaroc #MarocTelecom الخدمة سيئة', ['en', 'fr', 'ar'])).toBe('ar');
  });

  it('says und when there is nothing to go on', () => {
    expect(detectLanguage('😍😍 @user http')).toBe('und');
  });

  it('settles script, Arabizi and clear function words without ELD, and says und for the rest', () => {
    expect(rulesOnly('الخدمة سيئة جدا')).toBe('ar');
    expect(rulesOnly('ma3jbnich had service')).toBe('ary');
    expect(rulesOnly('this is the worst flight of my life')).toBe('en');
    expect(rulesOnly('je ne suis pas content du tout')).toBe('fr');
    expect(rulesOnly('Il servizio è pessimo')).toBe('und');
  });
});

describe('canonicalLanguage', () => {
  it('reduces tags and dialect codes to ISO 639-1, keeping Moroccan Darija', () => {
    expect(canonicalLanguage('fr-FR')).toBe('fr');
    expect(canonicalLanguage('arz')).toBe('ar');
    expect(canonicalLanguage('ary')).toBe('ary');
    expect(canonicalLanguage('EN')).toBe('en');
    expect(canonicalLanguage('')).toBeUndefined();
    expect(canonicalLanguage(undefined)).toBeUndefined();
  });
});
