import { describe, expect, it } from 'vitest';
import { Postings } from '../../../src/core/query/postings.js';

describe('Postings', () => {
  it('finds a key by a whole word or by the first characters of a word', () => {
    const table = new Postings<string>();
    table.add('acme', 'a');
    table.add('boyco', 'b');
    expect(table.find('acme', 4)).toEqual(['a']);
    expect(table.find('boycotting', 5)).toEqual(['b']);
    expect(table.find('boycotting', 10)).toBeUndefined();
    expect(table.find('acm', 3)).toBeUndefined();
    expect(table.find('acmes', 5)).toBeUndefined();
  });

  it('keeps one list per key without duplicates', () => {
    const table = new Postings<string>();
    table.add('acme', 'a');
    table.add('acme', 'b');
    table.add('acme', 'a');
    expect(table.find('acme', 4)).toEqual(['a', 'b']);
    expect(table.size).toBe(1);
  });

  it('stays correct through growth, removals and re-insertions', () => {
    const table = new Postings<number>();
    const reference = new Map<string, number[]>();
    const key = (i: number): string => `k${(i * 7919) % 5000}`;
    for (let i = 0; i < 3000; i++) {
      table.add(key(i), i);
      reference.set(key(i), [...(reference.get(key(i)) ?? []), i]);
      if (i % 3 === 0) {
        const victim = key(Math.floor(i / 2));
        const list = reference.get(victim);
        const item = list?.[0];
        if (item !== undefined) {
          table.remove(victim, item);
          if (list!.length === 1) reference.delete(victim);
          else reference.set(victim, list!.slice(1));
        }
      }
    }
    expect(table.size).toBe(reference.size);
    for (let i = 0; i < 5000; i++) {
      const k = `k${i}`;
      expect(table.find(k, k.length)).toEqual(reference.get(k));
    }
  });
});
