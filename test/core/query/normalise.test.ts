import { describe, expect, it } from 'vitest';
import { foldSlowly, foldText, scanFolded, wordForm, wordsOf, type Tokens } from '../../../src/core/query/normalise.js';

function tokens(text: string): Tokens {
  const out: Tokens = { words: [], tags: [], handles: [] };
  scanFolded(foldText(text), out);
  return out;
}

describe('foldText', () => {
  it('removes case and Latin, Greek and Cyrillic accents', () => {
    expect(foldText('Médias À LA UNE')).toBe('medias a la une');
    expect(foldText('Ελλάδα')).toBe('ελλαδα');
    expect(foldText('Йошкар')).toBe('иошкар');
    expect(foldText('İstanbul')).toBe('istanbul');
  });

  it('expands ligatures and letters NFKD keeps whole', () => {
    expect(foldText('Œuvre ﬁnale Straße Ærø Łódź')).toBe('oeuvre finale strasse aero lodz');
    expect(foldText('ＡＣＭＥ')).toBe('acme');
  });

  it('folds Arabic letter variants and removes harakat and tatweel', () => {
    expect(foldText('أحمد إسلام آمنة')).toBe('احمد اسلام امنه');
    expect(foldText('مُحَمَّد')).toBe('محمد');
    expect(foldText('شـــركة')).toBe('شركه');
    expect(foldText('مستشفى')).toBe('مستشفي');
    expect(foldText('ی ک')).toBe('ي ك');
    expect(foldText('٢٠٢٦ ۲۰۲۶')).toBe('2026 2026');
  });

  it('gives the complete folding for every character, alone and between others', () => {
    const differences: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      for (const text of [ch, `É${ch}a`, `${ch}\u0301ß`]) if (foldText(text) !== foldSlowly(text)) differences.push(text);
    }
    expect(differences).toEqual([]);
    const mixed = 'Le Médias d’ÉLYSÉE — «grève» … أَحْمَد إسلام الشّركة ـــ Ελλάδα';
    expect(foldText(mixed)).toBe(foldSlowly(mixed));
  });

  it('keeps the vowel signs of Indic scripts', () => {
    expect(foldText('हिंदी')).toBe('हिंदी'.normalize('NFKD'));
  });
});

describe('scanFolded', () => {
  it('splits on apostrophes, so elided articles and possessives leave the word whole', () => {
    expect(tokens("L'Acme d’Acme qu'Acme Acme's").words).toEqual(['l', 'acme', 'd', 'acme', 'qu', 'acme', 'acme', 's']);
  });

  it('splits on hyphens, underscores and punctuation', () => {
    expect(tokens('coca-cola, acme_support! (acme)').words).toEqual(['coca', 'cola', 'acme', 'support', 'acme']);
  });

  it('collects hashtags and handles while keeping their words', () => {
    const t = tokens('Fed up with #Acme_Fail, cc @Acme.Support and @acme@mastodon.social.');
    expect(t.tags).toEqual(['acme_fail']);
    expect(t.handles).toEqual(['acme.support', 'acme@mastodon.social', 'acme']);
    expect(t.words).toContain('acme');
    expect(t.words).toContain('fail');
  });

  it('does not read an e-mail address or an inner # as a handle or hashtag', () => {
    const t = tokens('write to mail@acme.com or see C# and x#y');
    expect(t.handles).toEqual([]);
    expect(t.tags).toEqual([]);
  });

  it('adds the short name of a default Bluesky handle', () => {
    expect(tokens('hi @acme.bsky.social').handles).toEqual(['acme.bsky.social', 'acme']);
  });

  it('makes each ideograph, kana or Thai character a word, so a query word becomes a phrase', () => {
    expect(wordsOf('索尼 公司')).toEqual(['索', '尼', '公', '司']);
    expect(wordsOf('ソニー')).toEqual(['ソ', 'ニ', 'ー']);
  });

  it('keeps characters outside the Basic Multilingual Plane together', () => {
    expect(wordsOf('𝐀𝐂𝐌𝐄 rocks')).toEqual(['acme', 'rocks']);
    expect(wordsOf('a😀b')).toEqual(['a', 'b']);
  });
});

describe('wordForm', () => {
  it('removes the Arabic article and its attached particles', () => {
    expect(['الشركه', 'والشركه', 'بالشركه', 'للشركه', 'فالشركه', 'كالشركه'].map(wordForm)).toEqual(Array(6).fill('شركه'));
  });

  it('keeps the article when too little would remain, and leaves other scripts alone', () => {
    expect(wordForm('الله')).toBe('الله');
    expect(wordForm('والد')).toBe('والد');
    expect(wordForm('alliance')).toBe('alliance');
  });
});
