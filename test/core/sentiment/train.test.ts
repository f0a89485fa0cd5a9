import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../src/core/sentiment/classify.js';
import { encodeModel } from '../../../src/core/sentiment/model.js';
import { train, type TrainingExample, type TrainingOptions } from '../../../src/core/sentiment/train.js';

const examples: TrainingExample[] = [
  { text: 'I love this, great service 😍', label: 'positive', lang: 'en' },
  { text: 'awesome flight, thank you!', label: 'positive', lang: 'en' },
  { text: 'worst airline ever, lost my bag 😡', label: 'negative', lang: 'en' },
  { text: 'not happy at all, delayed again', label: 'negative', lang: 'en' },
  { text: 'flight 22 leaves at 10:30 from gate B', label: 'neutral', lang: 'en' },
  { text: 'the meeting is on tuesday', label: 'neutral', lang: 'en' },
  { text: "j'adore, super service", label: 'positive', lang: 'fr' },
  { text: 'pas content du tout, nul', label: 'negative', lang: 'fr' },
  { text: 'le vol part à 10h', label: 'neutral', lang: 'fr' },
  { text: 'خدمة ممتازة شكرا', label: 'positive', lang: 'ar' },
  { text: 'ما عجبني والو خدمة خايبة', label: 'negative', lang: 'ar' },
  { text: 'الرحلة غدا الساعة العاشرة', label: 'neutral', lang: 'ar' },
];

const options: TrainingOptions = {
  spec: { hashBits: 12, charMin: 2, charMax: 4, wordBigrams: true, conjoinWords: true, conjoinChars: false },
  languages: ['en', 'fr', 'ar'],
  epochs: 5,
  learningRate: 0.5,
  decay: 0.5,
  seed: 7,
  clipQuantile: 0.999,
};

describe('train', () => {
  it('gives byte-identical weights for the same data and options', () => {
    const first = encodeModel(train(examples, options));
    const second = encodeModel(train(examples, options));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('gives different weights for a different seed, so the check above is not vacuous', () => {
    const first = encodeModel(train(examples, options));
    const reseeded = encodeModel(train(examples, { ...options, seed: 8 }));
    expect(Buffer.from(first).equals(Buffer.from(reseeded))).toBe(false);
  });

  it('averages several seeded runs reproducibly', () => {
    const first = encodeModel(train(examples, { ...options, runs: 2 }));
    const second = encodeModel(train(examples, { ...options, runs: 2 }));
    const single = encodeModel(train(examples, options));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(single))).toBe(false);
  });

  it('produces a loadable model that fits its training data', () => {
    const classifier = loadClassifier(encodeModel(train(examples, { ...options, epochs: 30 })));
    const correct = examples.filter((e) => classifier.classify(e.text, e.lang).label === e.label).length;
    expect(correct).toBeGreaterThanOrEqual(examples.length - 1);
  });
});
