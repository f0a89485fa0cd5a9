import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, ModelFormatError, type SentimentModel } from '../../../src/core/sentiment/model.js';

const model: SentimentModel = {
  spec: { hashBits: 4, charMin: 2, charMax: 5, wordBigrams: true, conjoinWords: true, conjoinChars: false },
  languages: ['en', 'fr', 'ar'],
  scale: 0.25,
  temperature: 1,
  weights: Int8Array.from({ length: 16 * 3 }, (_, i) => (i % 255) - 127),
};

describe('weights file format', () => {
  it('round-trips header, languages and weights', () => {
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.spec).toEqual(model.spec);
    expect(decoded.languages).toEqual(model.languages);
    expect(decoded.scale).toBe(0.25);
    expect(Array.from(decoded.weights)).toEqual(Array.from(model.weights));
  });

  it('rejects a file that is not a weights file', () => {
    const bytes = encodeModel(model);
    bytes[0] = 0;
    expect(() => decodeModel(bytes)).toThrow(ModelFormatError);
    expect(() => decodeModel(new Uint8Array(3))).toThrow(/too short/);
  });

  it('rejects a truncated file', () => {
    const truncated = encodeModel(model).subarray(0, -1);
    expect(() => decodeModel(truncated)).toThrow(ModelFormatError);
    expect(() => decodeModel(truncated)).toThrow(expect.objectContaining({ code: 'sentiment_model_format' }));
  });
});
