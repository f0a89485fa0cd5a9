import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../src/core/sentiment/classify.js';
import { encodeModel, ModelFormatError } from '../../../src/core/sentiment/model.js';
import { train, type TrainingExample } from '../../../src/core/sentiment/train.js';
import { buildPolarityLexicon } from '../../../src/core/sentiment/polarity.js';

const examples: TrainingExample[] = [
  { text: 'love it, great 😍', label: 'positive', lang: 'en' },
  { text: 'awful, hate it 😡', label: 'negative', lang: 'en' },
  { text: 'it is on tuesday', label: 'neutral', lang: 'en' },
  { text: "j'adore, génial", label: 'positive', lang: 'fr' },
  { text: 'nul, je déteste', label: 'negative', lang: 'fr' },
  { text: "c'est mardi", label: 'neutral', lang: 'fr' },
];
const weights = encodeModel(
  train(examples, {
    spec: { hashBits: 10, charMin: 2, charMax: 4, wordBigrams: true, conjoinWords: true, conjoinChars: true },
    languages: ['en', 'fr'],
    epochs: 20,
    learningRate: 0.5,
    decay: 0.1,
    seed: 1,
    clipQuantile: 0.999,
  }),
);

describe('loadClassifier', () => {
  it('uses the given language, reduced to its primary subtag', () => {
    const classifier = loadClassifier(weights, { detectLanguage: () => 'en' });
    expect(classifier.classify("j'adore", 'fr-FR').lang).toBe('fr');
  });

  it('detects the language when none is given, with the injected detector', () => {
    const seen: string[] = [];
    const classifier = loadClassifier(weights, {
      detectLanguage: (text) => {
        seen.push(text);
        return 'fr';
      },
    });
    expect(classifier.classify('nul').lang).toBe('fr');
    expect(seen).toEqual(['nul']);
  });

  it('serves languages outside the model with the emoji fallback, marked in lang', () => {
    const classifier = loadClassifier(weights);
    expect(classifier.classify('geweldig 😍😍', 'nl')).toEqual({ label: 'positive', confidence: 0.75, lang: 'nl+fallback' });
    expect(classifier.classify('slecht 😡', 'nl').label).toBe('negative');
    expect(classifier.classify('gewoon tekst', 'nl')).toEqual({ label: 'neutral', confidence: 0.5, lang: 'nl+fallback' });
  });

  it('uses the model without language features when the language is unknown', () => {
    const classifier = loadClassifier(weights, { detectLanguage: () => 'und' });
    const result = classifier.classify('😍');
    expect(result.lang).toBe('und');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('serves Darija with the Arabic weights and says ary', () => {
    const arabic = encodeModel(
      train([...examples, { text: 'خدمة ممتازة', label: 'positive', lang: 'ar' }], {
        spec: { hashBits: 10, charMin: 2, charMax: 4, wordBigrams: true, conjoinWords: true, conjoinChars: false },
        languages: ['en', 'fr', 'ar'],
        epochs: 5,
        learningRate: 0.5,
        decay: 0.1,
        seed: 1,
        clipQuantile: 0.999,
      }),
    );
    const classifier = loadClassifier(arabic, { detectLanguage: () => 'ary' });
    const result = classifier.classify('خدمة ممتازة');
    expect(result.lang).toBe('ary');
    expect(result.probabilities).toHaveLength(3);
  });

  it('needs the polarity lexicon for weights trained with polarity markers, and reads the same markers', () => {
    const lexicon = buildPolarityLexicon([
      ['génial', 3],
      ['nul', -3],
    ]);
    const options = {
      spec: { hashBits: 10, charMin: 2, charMax: 4, wordBigrams: true, conjoinWords: true, conjoinChars: false, polarityMarkers: true },
      languages: ['en', 'fr'],
      epochs: 20,
      learningRate: 0.5,
      decay: 0.1,
      seed: 1,
      clipQuantile: 0.999,
      lexicon,
    };
    const marked = encodeModel(train(examples, options));
    expect(() => loadClassifier(marked)).toThrow(ModelFormatError);
    expect(() => train(examples, { ...options, lexicon: undefined })).toThrow(/lexicon/);
    const classifier = loadClassifier(marked, { lexicon, detectLanguage: () => 'fr' });
    expect(classifier.classify('génial').label).toBe('positive');
  });

  it('refuses bytes that are not a weights file', () => {
    expect(() => loadClassifier(new Uint8Array(100))).toThrow(ModelFormatError);
  });
});
