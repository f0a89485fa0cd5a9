import { describe, expect, it } from 'vitest';
import { MARKERS, normalise, normaliseArabic } from '../../../src/core/sentiment/normalise.js';

const words = (text: string) => normalise(text).split(' ');

describe('normalise', () => {
  it('turns URLs and @handles into marker words', () => {
    expect(words('@delta see https://t.co/abc and www.x.com')).toEqual([MARKERS.user, 'see', MARKERS.url, 'and', MARKERS.url]);
    expect(words('lost my bag http')).toContain(MARKERS.url);
  });

  it('splits camel-case hashtags and keeps the whole tag', () => {
    expect(words('#BoycottAcme now')).toEqual([MARKERS.hashtag, 'boycott', 'acme', 'boycottacme', 'now']);
    expect(words('#fail')).toEqual([MARKERS.hashtag, 'fail']);
  });

  it('maps emoticons to polarity markers and leaves emoji in place', () => {
    expect(words('great :) <3')).toEqual(['great', MARKERS.emoticonPositive, MARKERS.emoticonPositive]);
    expect(words("late again :( :'(")).toEqual(['late', 'again', MARKERS.emoticonNegative, MARKERS.emoticonNegative]);
    expect(normalise('merci 😍')).toBe('merci 😍');
    expect(words('at 10:30')).toEqual(['at', '10:30']);
  });

  it('collapses elongations and appends one marker per elongation', () => {
    expect(words('sooooo gooood')).toEqual(['soo', 'good', MARKERS.elongation, MARKERS.elongation]);
    expect(words('so good!!!')).toEqual(['so', 'good!!!']);
    expect(words('واااااو')).toEqual(['وااو', MARKERS.elongation]);
  });

  it('marks ALL-CAPS words and lower-cases everything', () => {
    expect(words('this is AWFUL')).toEqual(['this', 'is', MARKERS.caps, 'awful']);
    expect(words('OK')).toEqual(['ok']);
  });

  it('detaches French elisions and expands English negative contractions', () => {
    expect(words("l'avion qu'il j'adore")).toEqual(["l'", 'avion', "qu'", 'il', "j'", 'adore']);
    expect(words('don’t can’t')).toEqual(['do', 'not', 'can', 'not']);
  });

  it('folds Latin accents so that accented and unaccented spellings are one word', () => {
    expect(normalise('Écologie ecologie, cœur à l’ÉLYSÉE')).toBe(normalise('ecologie ecologie, coeur a l’ELYSEE'));
    expect(words('énergie straße')).toEqual(['energie', 'straße']);
  });
});

describe('normaliseArabic', () => {
  it('removes diacritics and tatweel', () => {
    expect(normaliseArabic('مُحَمَّد جـــميل')).toBe('محمد جميل');
  });

  it('folds alef, ya and ta marbuta variants', () => {
    expect(normaliseArabic('أحمد إسلام آمن على مكتبة')).toBe('احمد اسلام امن علي مكتبه');
  });

  it('turns Arabic-Indic digits and punctuation into Latin ones', () => {
    expect(normaliseArabic('٢٠٢٤، لماذا؟')).toBe('2024, لماذا?');
  });
});
