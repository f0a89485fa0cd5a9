import { describe, expect, it } from 'vitest';
import { compileQuery, type CompiledQuery } from '../../../src/core/query/compile.js';
import { createQueryIndex } from '../../../src/core/query/index.js';
import { matches } from '../../../src/core/query/match.js';
import { prepareText, type MatchInput } from '../../../src/core/query/prepare.js';

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words with the spellings a query and a post may disagree on: accents, case, Arabic letter variants, articles. */
const SPELLINGS: string[][] = [
  ['acme', 'ACME', 'Acme'],
  ['médias', 'medias', 'MÉDIAS'],
  ['grève', 'greve'],
  ['service', 'Service'],
  ['client', 'clients'],
  ['boycott', 'boycotter', 'boycotting'],
  ['refund', 'refunds'],
  ['globex', 'Globex'],
  ['شركة', 'شركه', 'الشركة', 'والشركة'],
  ['أسعار', 'اسعار', 'الأسعار'],
  ['مستشفى', 'مستشفي'],
  ['the', 'a', 'of', 'le', 'la', 'في'],
  ['delay', 'delayed'],
  ['索尼'],
];
const TAGS = ['acme', 'AcmeFail', 'boycott', 'مقاطعة'];
const HANDLES = ['acme', 'acme_support', 'globex'];
const LANGS = ['fr', 'en', 'ar'];

function queryGenerator(random: () => number): () => string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const leaf = (): string => {
    const r = random();
    const spelling = pick(SPELLINGS);
    if (r < 0.45) return pick(spelling);
    if (r < 0.55) return `"${pick(spelling)} ${pick(pick(SPELLINGS))}"`;
    if (r < 0.65) {
      const word = pick(spelling);
      return word.length >= 2 ? `${word.slice(0, 3)}*` : word;
    }
    if (r < 0.75) return `#${pick(TAGS)}`;
    if (r < 0.85) return `@${pick(HANDLES)}`;
    if (r < 0.9) return `lang:${pick(LANGS)}`;
    return `l'${pick(spelling)}`;
  };
  const expr = (depth: number): string => {
    const r = random();
    if (depth > 2 || r < 0.35) return random() < 0.2 ? `-${leaf()}` : leaf();
    const parts = Array.from({ length: 2 + Math.floor(random() * 2) }, () => expr(depth + 1));
    if (r < 0.6) return parts.join(' ');
    if (r < 0.85) return `(${parts.join(' OR ')})`;
    return `NOT (${parts.join(' OR ')})`;
  };
  return () => expr(0);
}

function postGenerator(random: () => number): () => MatchInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return () => {
    const words = Array.from({ length: 2 + Math.floor(random() * 10) }, () => {
      const r = random();
      if (r < 0.08) return `#${pick(TAGS)}`;
      if (r < 0.14) return `@${pick(HANDLES)}`;
      if (r < 0.2) return `l’${pick(pick(SPELLINGS))}`;
      return pick(pick(SPELLINGS));
    });
    const post: MatchInput = { text: words.join(random() < 0.5 ? ' ' : ', ') };
    if (random() < 0.7) post.lang = pick(LANGS);
    if (random() < 0.5) post.author = pick(HANDLES);
    if (random() < 0.2) post.title = pick(pick(SPELLINGS));
    return post;
  };
}

function bruteForce(queries: Map<string, CompiledQuery>, post: MatchInput): string[] {
  const prepared = prepareText(post);
  return [...queries].filter(([, q]) => matches(q, prepared)).map(([key]) => key);
}

describe('createQueryIndex', () => {
  it('finds the same queries as trying every query, on a random corpus (seeded)', () => {
    const random = rng(42);
    const nextQuery = queryGenerator(random);
    const nextPost = postGenerator(random);
    const queries = new Map<string, CompiledQuery>();
    const index = createQueryIndex();
    for (let i = 0; i < 400; i++) {
      const query = compileQuery(nextQuery());
      queries.set(`q${i}`, query);
      index.add(`q${i}`, query);
    }
    const posts = Array.from({ length: 400 }, nextPost);

    let matched = 0;
    let candidates = 0;
    for (const post of posts) {
      const prepared = prepareText(post);
      const expected = bruteForce(queries, post);
      expect(index.matchAll(prepared), JSON.stringify(post)).toEqual(expected);
      const maybe = new Set(index.candidates(prepared));
      expect(expected.filter((key) => !maybe.has(key))).toEqual([]);
      matched += expected.length;
      candidates += maybe.size;
    }
    // The corpus exercises both outcomes, and the index does prune.
    expect(matched).toBeGreaterThan(posts.length);
    expect(matched).toBeLessThan(posts.length * queries.size);
    expect(candidates).toBeLessThan(posts.length * queries.size);

    // Replace a third of the queries and remove another third: still equivalent.
    for (let i = 0; i + 1 < 400; i += 3) {
      const query = compileQuery(nextQuery());
      queries.set(`q${i}`, query);
      index.add(`q${i}`, query);
      queries.delete(`q${i + 1}`);
      expect(index.remove(`q${i + 1}`)).toBe(true);
    }
    expect(index.size).toBe(queries.size);
    for (const post of posts) {
      const expectedOrder = bruteForce(queries, post);
      expect(new Set(index.matchAll(prepareText(post)))).toEqual(new Set(expectedOrder));
    }
  });

  it('returns keys in the order their queries were added', () => {
    const index = createQueryIndex();
    index.add('b', compileQuery('acme'));
    index.add('a', compileQuery('#acme'));
    index.add('c', compileQuery('-spam'));
    expect(index.matchAll(prepareText({ text: 'hello #acme' }))).toEqual(['b', 'a', 'c']);
  });

  it('replaces a query added again under the same key, and forgets removed keys', () => {
    const index = createQueryIndex();
    index.add('plan:brand', compileQuery('acme'));
    index.add('plan:brand', compileQuery('globex'));
    expect(index.size).toBe(1);
    expect(index.matchAll(prepareText({ text: 'acme' }))).toEqual([]);
    expect(index.matchAll(prepareText({ text: 'globex' }))).toEqual(['plan:brand']);
    expect(index.remove('plan:brand')).toBe(true);
    expect(index.remove('plan:brand')).toBe(false);
    expect(index.has('plan:brand')).toBe(false);
    expect(index.matchAll(prepareText({ text: 'globex' }))).toEqual([]);
  });

  it('tries queries without anchors (only exclusions or lang:) on every mention', () => {
    const index = createQueryIndex();
    index.add('french', compileQuery('lang:fr'));
    index.add('clean', compileQuery('-spam'));
    index.add('brand', compileQuery('acme'));
    const text = prepareText({ text: 'nothing to see', lang: 'fr' });
    expect(index.candidates(text)).toEqual(['french', 'clean']);
    expect(index.matchAll(text)).toEqual(['french', 'clean']);
  });

  it('evaluates only the queries whose anchors occur', () => {
    const index = createQueryIndex();
    index.add('a', compileQuery('the acme'));
    index.add('b', compileQuery('globex (strike OR recall)'));
    index.add('c', compileQuery('initech*'));
    expect(index.candidates(prepareText({ text: 'the strike is over' }))).toEqual([]);
    expect(index.candidates(prepareText({ text: 'initechs strike' }))).toEqual(['c']);
  });
});
