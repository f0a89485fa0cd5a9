import { describe, expect, it } from 'vitest';
import { createDetectorState, restoreDetectorState } from '../../../src/core/detect/detector.js';
import { BUCKET_MS, perDay, poisson, random, rhythm, run } from './synthetic.js';

/** A state as the previous detector (version 1: windows of 15 min to 2 h) stored it. */
function versionOneState(from: ReturnType<typeof createDetectorState>): Record<string, unknown> {
  return {
    version: 1,
    bucketMs: from.bucketMs,
    lastStart: from.lastStart,
    seen: from.seen,
    levelSums: from.levelSums,
    fastSums: from.fastSums,
    hour: from.hour,
    hourSums: from.hourSums,
    day: from.day,
    daySums: from.daySums,
    kappa: [0.3, 0.2, 0.1],
    ring: { negative: new Array(24).fill(3), expected: new Array(24).fill(2.5), total: new Array(24).fill(3), pos: 5 },
    shareNegative: from.share[0],
    shareTotal: from.share[1],
    awaySince: null,
  };
}

describe('detector state after a restart', () => {
  it('round-trips through JSON: the restored state decides exactly as the live one', () => {
    const rand = random(41);
    const values = Array.from({ length: 12 * perDay }, () => poisson(12, rand));
    values[11 * perDay + 30] = 150;
    const head = run(10 * perDay, (i) => ({ negative: values[i]!, total: 3 * values[i]! }));
    const restored = restoreDetectorState(JSON.parse(JSON.stringify(head.state)), BUCKET_MS);
    expect(restored).toEqual(head.state);
    const live = run(2 * perDay, (i) => ({ negative: values[10 * perDay + i]!, total: 3 * values[10 * perDay + i]! }), {}, head.state);
    const again = run(2 * perDay, (i) => ({ negative: values[10 * perDay + i]!, total: 3 * values[10 * perDay + i]! }), {}, restored);
    expect(again.decisions).toEqual(live.decisions);
    expect(live.decisions.some((d) => d.alert)).toBe(true);
  });

  it("keeps the previous version's level, profiles and share, and starts the windows afresh", () => {
    const rand = random(42);
    const learnt = run(10 * perDay, (_, start) => ({ negative: poisson(20 * rhythm(start), rand), total: poisson(60 * rhythm(start), rand) }));
    const old = versionOneState(learnt.state);
    const restored = restoreDetectorState(JSON.parse(JSON.stringify(old)), BUCKET_MS);
    expect(restored.version).toBe(2);
    expect(restored.hour).toEqual(learnt.state.hour);
    expect(restored.levelSums).toEqual(learnt.state.levelSums);
    expect(restored.share).toEqual(learnt.state.share);
    expect(restored.seen).toBe(learnt.state.seen);
    // One running sum per window, each at zero: without windows, `every` below would hold of nothing.
    expect(restored.sums.length).toBeGreaterThan(0);
    expect(restored.sums.every((s) => s.every((v) => v === 0))).toBe(true);
    // No new warm-up: a storm right after the restart alerts, and ordinary volume does not.
    const calm = run(12, (_, start) => ({ negative: poisson(20 * rhythm(start), rand), total: poisson(60 * rhythm(start), rand) }), {}, restored);
    expect(calm.decisions.some((d) => d.alert)).toBe(false);
    const storm = run(3, () => ({ negative: 300, total: 350 }), {}, calm.state);
    expect(storm.decisions.some((d) => d.alert)).toBe(true);
  });

  it('starts fresh from garbage, from a ring that does not fit, or for another bucket length', () => {
    expect(restoreDetectorState({ nonsense: true }, BUCKET_MS)).toEqual(createDetectorState(BUCKET_MS));
    expect(restoreDetectorState(undefined, BUCKET_MS)).toEqual(createDetectorState(BUCKET_MS));
    const broken = structuredClone(createDetectorState(BUCKET_MS));
    broken.ring.pos = broken.ring.negative.length;
    expect(restoreDetectorState(JSON.parse(JSON.stringify(broken)), BUCKET_MS)).toEqual(createDetectorState(BUCKET_MS));
    expect(restoreDetectorState(createDetectorState(BUCKET_MS), 60_000)).toEqual(createDetectorState(60_000));
    const old = versionOneState(createDetectorState(BUCKET_MS));
    expect(restoreDetectorState(old, 60_000)).toEqual(createDetectorState(60_000));
  });
});
