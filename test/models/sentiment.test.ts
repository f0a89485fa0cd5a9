import { describe, expect, it } from 'vitest';
import { classifyAll, type SentimentInput } from '../../src/core/sentiment/types.js';
import { loadDefaultClassifier, loadDefaultClassifierWithLanguageId, loadDefaultClassifierWithLazyLanguageId } from '../../src/models/sentiment.js';

// A handful of unambiguous posts per language: a sanity check that the shipped weights load and point the right
// way, not a benchmark (that is bench/sentiment.ts).
const clear: Array<[string, 'negative' | 'neutral' | 'positive', string]> = [
  ['I hate this airline, worst service ever 😡', 'negative', 'en'],
  ['My flight was cancelled again, terrible', 'negative', 'en'],
  ['I love it, thank you so much! 😍', 'positive', 'en'],
  ['Great news, congratulations to the team!', 'positive', 'en'],
  ["C'est nul, service horrible, je suis très déçu", 'negative', 'fr'],
  ['Honteux, scandale, arnaque totale', 'negative', 'fr'],
  ["J'adore, merci beaucoup, c'est magnifique !", 'positive', 'fr'],
  ['Bravo, excellente initiative, super travail', 'positive', 'fr'],
  ['خدمة سيئة جدا وفاشلة', 'negative', 'ar'],
  ['الله ينتقم منكم يا حرامية', 'negative', 'ar'],
  ['شكرا جزيلا، خدمة رائعة وممتازة', 'positive', 'ar'],
  ['ما شاء الله تبارك الله، جميل جدا 😍', 'positive', 'ar'],
];

describe('shipped sentiment model', () => {
  const classifier = loadDefaultClassifier();

  it.each(clear)('%s → %s', (text, label, lang) => {
    const result = classifier.classify(text, lang);
    expect(result.label).toBe(label);
    expect(result.lang).toBe(lang);
    expect(result.confidence).toBeGreaterThan(1 / 3);
  });

  it('detects the language when none is given', async () => {
    const withLanguageId = await loadDefaultClassifierWithLanguageId();
    expect(withLanguageId.classify('Merci pour rien, vol encore annulé').lang).toBe('fr');
    expect(withLanguageId.classify('Il servizio è pessimo, che vergogna').lang).toBe('it');
    expect(withLanguageId.classify('خدمة سيئة جدا').lang).toBe('ar');
  });

  it('gets the short posts of issue 17 right (the Arabic one is in the README as a known miss)', async () => {
    const withLanguageId = await loadDefaultClassifierWithLanguageId();
    expect(withLanguageId.classify('Acme a perdu ma valise')).toMatchObject({ lang: 'fr', label: 'negative' });
    expect(withLanguageId.classify('Acme a perdu ma valise', undefined, ['fr', 'ar'])).toMatchObject({ lang: 'fr', label: 'negative' });
    expect(withLanguageId.classify('شركة اكمي سرقت فلوسي').lang).toBe('ar');
    expect(withLanguageId.classify('ma3ejbnich').lang).toBe('ary');
    expect(withLanguageId.classify('Acme ma3ejbnich, khayb bzaf')).toMatchObject({ lang: 'ary', label: 'negative' });
  });

  it('serves uncovered languages with the fallback and says so', () => {
    const result = classifier.classify('Ik ben zo blij met deze service 😍', 'nl');
    expect(result).toEqual({ label: 'positive', confidence: expect.any(Number), lang: 'nl+fallback' });
  });
});

describe('the bot’s classifier, with language identification loaded on demand', () => {
  it('scores a batch exactly as the eagerly loaded classifier does, languages included', async () => {
    const posts: SentimentInput[] = [
      ...clear.map(([text]) => ({ text })),
      { text: 'Acme a perdu ma valise' },
      { text: 'Acme lost my bag at the airport again' },
      { text: 'Acme perdeu a minha mala outra vez', languages: ['pt', 'en'] },
      { text: 'ma3ejbnich service dyal Acme' },
      { text: 'Given its language', lang: 'en' },
    ];
    expect(posts.length).toBeGreaterThan(12);
    const lazy = loadDefaultClassifierWithLazyLanguageId();
    const eager = await loadDefaultClassifierWithLanguageId();
    const batch = await classifyAll(lazy, posts);
    expect(batch).toEqual(posts.map((p) => eager.classify(p.text, p.lang, p.languages)));
    expect(lazy.classify('Acme lost my bag at the airport again')).toEqual(eager.classify('Acme lost my bag at the airport again'));
  });
});
