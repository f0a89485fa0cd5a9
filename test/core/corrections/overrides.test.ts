import { describe, expect, it } from 'vitest';
import type { Correction } from '../../../src/core/corrections/correction.js';
import { POST_REF_LENGTH, postRef, refersTo } from '../../../src/core/corrections/correction.js';
import { NEAR_DUPLICATE_THRESHOLD, buildOverrideIndex, copyKey, jaccard, shingles } from '../../../src/core/corrections/overrides.js';

const correction = (postId: string, text: string, label: Correction['label'], at = 1): Correction => ({
  scope: { platform: 'slack', workspace: 'T1' },
  postId,
  planId: 'p1',
  text,
  lang: 'en',
  label,
  previous: 'negative',
  by: 'U1',
  at,
});

describe('post references', () => {
  it('are 8 hex digits, stable, and accepted whole, by a prefix of 6 or more, or as the mention id', () => {
    const ref = postRef('x:1893456789012345678');
    expect(ref).toMatch(new RegExp(`^[0-9a-f]{${POST_REF_LENGTH}}$`));
    expect(postRef('x:1893456789012345678')).toBe(ref);
    expect(postRef('x:1893456789012345679')).not.toBe(ref);
    expect(refersTo(ref, 'x:1893456789012345678')).toBe(true);
    expect(refersTo(ref.slice(0, 6).toUpperCase(), 'x:1893456789012345678')).toBe(true);
    expect(refersTo(ref.slice(0, 5), 'x:1893456789012345678')).toBe(false);
    expect(refersTo('x:1893456789012345678', 'x:1893456789012345678')).toBe(true);
    expect(refersTo(`${ref}0`, 'x:1893456789012345678')).toBe(false);
  });
});

describe('copy keys', () => {
  it('are the same for a retweet, a quoted copy and the post with other links, handles, case and punctuation', () => {
    const original = 'Acme cancelled my flight AGAIN!!! https://t.co/abc @AcmeAir';
    const key = copyKey(original);
    expect(key).toBe('acme cancelled my flight again');
    expect(copyKey('RT @jdoe: Acme cancelled my flight again https://t.co/xyz')).toBe(key);
    expect(copyKey('“Acme cancelled my flight again.”')).toBe(key);
    expect(copyKey('https://t.co/only @someone')).toBe('');
  });

  it('keep what carries sentiment: words, negations and emoticons', () => {
    expect(copyKey('Acme is great :(')).not.toBe(copyKey('Acme is great :)'));
    expect(copyKey("Acme isn't great")).not.toBe(copyKey('Acme is great'));
  });
});

describe('the override index', () => {
  const index = buildOverrideIndex([
    correction('p-a', 'Acme strike: all flights to Paris cancelled today, check the Acme app for refunds', 'neutral', 1),
    correction('p-b', 'Thanks for nothing Acme', 'negative', 2),
    correction('p-c', 'thanks for nothing acme!!', 'positive', 3),
  ]);

  it('gives the same text its correction, the latest verdict winning', () => {
    expect(index.size).toBe(2);
    expect(index.lookup('Thanks for nothing, Acme')).toEqual({ label: 'positive', postId: 'p-c', lang: 'en', similarity: 1 });
  });

  it('gives a near copy the correction, and a text that only shares a template none', () => {
    const copy = index.lookup('RT @news: Acme strike: all flights to Paris cancelled today! check the Acme app for refunds https://t.co/1');
    expect(copy).toMatchObject({ label: 'neutral', postId: 'p-a', similarity: 1 });
    const edited = index.lookup('Acme strike: all flights to Paris cancelled today, check the Acme app for refund info');
    expect(edited?.postId).toBe('p-a');
    expect(edited!.similarity).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(edited!.similarity).toBeLessThan(1);
    expect(index.lookup('Acme strike: all flights to Madrid delayed tomorrow, what a mess, never again')).toBeUndefined();
    expect(index.lookup('Thanks for the help Acme')).toBeUndefined();
  });

  it('matches short texts only exactly', () => {
    const short = buildOverrideIndex([correction('p-s', 'Acme fail', 'neutral')]);
    expect(short.lookup('acme fail!')?.postId).toBe('p-s');
    expect(short.lookup('Acme fails')).toBeUndefined();
  });

  it('lists every correction above the threshold, closest first', () => {
    const all = buildOverrideIndex([
      correction('p-1', 'The Acme flight to Rabat was delayed by three hours and nobody told us anything', 'neutral', 1),
      correction('p-2', 'The Acme flight to Rabat was delayed by three hours and nobody told us a thing', 'negative', 2),
    ]).lookupAll('The Acme flight to Rabat was delayed by three hours and nobody told us anything!');
    expect(all.map((o) => o.postId)).toEqual(['p-1', 'p-2']);
    expect(all[0]!.similarity).toBe(1);
  });

  it('finds the same near copies as a scan of every correction, among thousands', () => {
    const words = ['delay', 'refund', 'crew', 'lounge', 'luggage', 'gate', 'app', 'seat', 'meal', 'price', 'strike', 'staff'];
    const text = (i: number): string =>
      `Acme ${words[i % 12]} ${words[(i * 7) % 12]} ${words[(i * 5 + 3) % 12]} in flight ${i % 97} from Casablanca ${words[(i * 11) % 12]} ${i % 13}`;
    const many = Array.from({ length: 3_000 }, (_, i) => correction(`p${i}`, text(i), 'neutral', i));
    const big = buildOverrideIndex(many);
    const sets = many.map((c) => shingles(copyKey(c.text)));
    const probes = Array.from({ length: 40 }, (_, k) => `${text(k * 71 + 5)} today`);
    expect(probes).toHaveLength(40);
    let found = 0;
    for (const probe of probes) {
      const set = shingles(copyKey(probe));
      const scanned = sets.map((s, i) => ({ i, j: jaccard(set, s) })).filter((x) => x.j >= NEAR_DUPLICATE_THRESHOLD);
      const expected = new Set(scanned.map((x) => `p${x.i}`));
      const got = new Set(big.lookupAll(probe).map((o) => o.postId));
      expect(got).toEqual(expected);
      found += got.size;
    }
    expect(found).toBeGreaterThan(0);
  });
});
