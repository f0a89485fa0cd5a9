import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapInSlices, newestOf } from '../../src/app/slices.js';

describe('newestOf', () => {
  it('keeps exactly the cap newest items, in their order, and counts the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), fc.integer({ min: 0, max: 320 }), (dates, cap) => {
        const items = dates.map((publishedAt, index) => ({ publishedAt, index }));
        const { kept, over } = newestOf(items, cap);
        expect(kept.length).toBe(Math.min(cap, items.length));
        expect(over).toBe(items.length - kept.length);
        // In input order, and nothing left out is newer than anything kept.
        expect(kept.map((k) => k.index)).toEqual([...kept.map((k) => k.index)].sort((a, b) => a - b));
        const keptIndexes = new Set(kept.map((k) => k.index));
        const oldestKept = Math.min(...kept.map((k) => k.publishedAt));
        for (const left of items.filter((i) => !keptIndexes.has(i.index))) expect(left.publishedAt).toBeLessThanOrEqual(oldestKept);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mapInSlices', () => {
  it('maps every item in order, slice by slice, letting the event loop run between slices', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) => i);
    const slices: number[] = [];
    // Work queued outside (as a chat command would be) runs between two slices.
    let outside = 0;
    const seenBySlice: number[] = [];
    let done = false;
    const spin = (): void => {
      outside += 1;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const doubled = await mapInSlices(items, 100, (slice) => {
      slices.push(slice.length);
      seenBySlice.push(outside);
      return slice.map((i) => i * 2);
    });
    done = true;
    expect(doubled).toEqual(items.map((i) => i * 2));
    expect(slices).toEqual(Array.from({ length: 10 }, () => 100));
    expect(seenBySlice).toHaveLength(10);
    expect(new Set(seenBySlice).size).toBe(10);
  });
});
