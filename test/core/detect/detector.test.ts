import { describe, expect, it } from 'vitest';
import { baselineOf, createDetectorState, DetectorError, stepDetector } from '../../../src/core/detect/detector.js';
import { BUCKET_MS, DAY, HOUR, MONDAY, perDay, poisson, random, rhythm, run } from './synthetic.js';

const alertsIn = (decisions: { alert: boolean }[], from = 0, to = decisions.length): number =>
  decisions.slice(from, to).filter((d) => d.alert).length;

describe('detector on synthetic series', () => {
  it('learns daily and weekly rhythms without alerting on them', () => {
    const rand = random(1);
    const { decisions, state } = run(21 * perDay, (_, start) => ({ negative: poisson(20 * rhythm(start), rand) }));
    // After warm-up: three weeks of Monday peaks, quiet nights and half-volume weekends, no alert.
    expect(alertsIn(decisions, perDay)).toBe(0);
    // The profile has learnt the 09:00 peak against the 03:00 trough, and the weekend against weekdays.
    expect(state.hour[9]! / state.hour[3]!).toBeGreaterThan(3);
    expect(state.day[6]! / state.day[2]!).toBeLessThan(0.75);
    // And the expectation at a Tuesday 09:00 is close to the truth.
    const tuesday9 = MONDAY + 22 * DAY + 9 * HOUR;
    expect(baselineOf(state, tuesday9).expected).toBeGreaterThan(20 * rhythm(tuesday9) * 0.8);
    expect(baselineOf(state, tuesday9).expected).toBeLessThan(20 * rhythm(tuesday9) * 1.25);
  });

  it('keeps a quiet brand quiet: 0 → 3 negative posts is noise, 25 in 15 minutes is not', () => {
    const rand = random(2);
    const quiet = run(3 * perDay, () => ({ negative: poisson(0.02, rand) }));
    expect(alertsIn(quiet.decisions)).toBe(0);
    const three = run(1, () => ({ negative: 3 }), {}, quiet.state);
    expect(three.decisions[0]!.alert).toBe(false);
    expect(three.decisions[0]!.explanation.expected).toBeGreaterThanOrEqual(1);
    const storm = run(3, () => ({ negative: 9 }), {}, three.state);
    expect(storm.decisions.some((d) => d.alert)).toBe(true);
  });

  it('alerts on a spike and explains it with the window, expectation, spread, ratio and slot', () => {
    const rand = random(3);
    const base = run(14 * perDay, () => ({ negative: poisson(10, rand) }));
    const spike = run(3, () => ({ negative: 80 }), {}, base.state);
    const decision = spike.decisions.find((d) => d.alert)!;
    expect(decision).toBeDefined();
    expect(decision.score).toBeGreaterThanOrEqual(0.5);
    const e = decision.explanation;
    expect(e.metric).toBe('negative');
    expect(e.observed).toBeGreaterThan(e.expected + 5 * e.spread);
    expect(e.ratio).toBeCloseTo(e.observed / e.expected, 10);
    expect(e.tailProbability).toBeLessThanOrEqual(e.threshold);
    expect([5, 30, 120, 360].map((m) => m * 60_000)).toContain(e.windowMs);
    const at = new Date(decision.bucketStart);
    expect(e.slot).toEqual({ day: at.getUTCDay(), hour: at.getUTCHours() });
    // Non-alerting buckets score below 0.5, alerting ones at or above.
    for (const d of [...base.decisions, ...spike.decisions]) expect(d.score >= 0.5).toBe(d.alert);
  });

  it('adapts to a level shift after a sustained period instead of alerting forever', () => {
    const rand = random(4);
    const base = run(14 * perDay, () => ({ negative: poisson(10, rand) }));
    const shifted = run(2 * perDay, () => ({ negative: poisson(40, rand) }), {}, base.state);
    expect(alertsIn(shifted.decisions, 0, 12)).toBeGreaterThan(0);
    // After the adaptation delay (12 h) and some settling, the new level is the baseline.
    expect(alertsIn(shifted.decisions, 14 * 12)).toBe(0);
    expect(shifted.decisions.at(-1)!.nearBaseline).toBe(true);
  });

  it('catches a ramp that never jumps from one bucket to the next (five-fold over three hours)', () => {
    const rand = random(5);
    const base = run(14 * perDay, () => ({ negative: poisson(10, rand) }));
    const rampBuckets = 3 * 12;
    const ramp = run(rampBuckets, (i) => ({ negative: poisson(10 * (1 + (4 * i) / rampBuckets), rand) }), {}, base.state);
    const first = ramp.decisions.findIndex((d) => d.alert);
    expect(first).toBeGreaterThan(0);
    // Well before the top of the ramp: at about three and a half times the usual volume.
    expect(first).toBeLessThan((2 * rampBuckets) / 3);
    for (let i = 1; i < ramp.buckets.length; i++) {
      expect(Math.abs(ramp.buckets[i]!.negative - ramp.buckets[i - 1]!.negative)).toBeLessThan(35);
    }
  });

  it('alerts on a rising share of negatives at flat volume', () => {
    const rand = random(6);
    const flat = (share: number) => () => {
      const total = poisson(100, rand);
      let negative = 0;
      for (let i = 0; i < total; i++) if (rand() < share) negative++;
      return { negative, total };
    };
    const base = run(14 * perDay, flat(0.3));
    expect(alertsIn(base.decisions, perDay)).toBe(0);
    const worse = run(24, flat(0.6), {}, base.state);
    const alert = worse.decisions.find((d) => d.alert);
    expect(alert?.explanation.metric).toBe('share');
    expect(alert!.explanation.expected).toBeCloseTo(0.3, 1);
    expect(alert!.explanation.observed).toBeGreaterThan(1.3 * alert!.explanation.expected);
  });

  it('moves one knob with sensitivity: a moderate surge alerts on high, not on low', () => {
    const rand = random(7);
    const base = run(14 * perDay, () => ({ negative: poisson(10, rand) }));
    const copy = (): ReturnType<typeof createDetectorState> => JSON.parse(JSON.stringify(base.state));
    const surge = () => ({ negative: 24 });
    const high = run(6, surge, { sensitivity: 'high' }, copy());
    const low = run(6, surge, { sensitivity: 'low' }, copy());
    expect(high.decisions.some((d) => d.alert)).toBe(true);
    expect(low.decisions.some((d) => d.alert)).toBe(false);
    expect(high.decisions[0]!.explanation.threshold).toBeGreaterThan(low.decisions[0]!.explanation.threshold);
  });

  it('refuses buckets out of order with a coded error, and replays a gap as empty buckets', () => {
    const state = createDetectorState(BUCKET_MS);
    const options = { bucketMs: BUCKET_MS, sensitivity: 'normal' as const };
    stepDetector(state, { start: MONDAY, negative: 1, total: 1, engagement: 0 }, options);
    expect(() => stepDetector(state, { start: MONDAY, negative: 1, total: 1, engagement: 0 }, options)).toThrow(DetectorError);
    expect(() => stepDetector(state, { start: MONDAY - BUCKET_MS, negative: 1, total: 1, engagement: 0 }, options)).toThrow(
      expect.objectContaining({ code: 'E_DETECT_ORDER' }),
    );
    stepDetector(state, { start: MONDAY + 10 * BUCKET_MS, negative: 1, total: 1, engagement: 0 }, options);
    expect(state.seen).toBe(11);
    expect(state.lastStart).toBe(MONDAY + 10 * BUCKET_MS);
  });

  it('tightens its threshold for surges similar to a false alarm, not for bigger ones', () => {
    const rand = random(9);
    const base = run(14 * perDay, () => ({ negative: poisson(10, rand) }));
    const adjustment = { entries: [{ upToRatio: 4, decades: 4 }], maxDecades: 6 };
    const similar = run(3, () => ({ negative: 40 }), { adjustment }, JSON.parse(JSON.stringify(base.state)));
    const plain = run(3, () => ({ negative: 40 }), {}, JSON.parse(JSON.stringify(base.state)));
    const bigger = run(3, () => ({ negative: 150 }), { adjustment }, JSON.parse(JSON.stringify(base.state)));
    expect(plain.decisions.some((d) => d.alert)).toBe(true);
    expect(similar.decisions.some((d) => d.alert)).toBe(false);
    expect(bigger.decisions.some((d) => d.alert)).toBe(true);
    expect(similar.decisions[0]!.explanation.threshold).toBeCloseTo(plain.decisions[0]!.explanation.threshold * 1e-4, 15);
  });

  it('does not alert during its warm-up day', () => {
    const { decisions } = run(perDay - 1, (i) => ({ negative: i % 50 === 49 ? 200 : 5 }));
    expect(alertsIn(decisions)).toBe(0);
  });
});

describe('detector alerts only on negatives arriving now', () => {
  it('does not alert on an empty bucket whose window holds an earlier burst (here: one that fell in the warm-up)', () => {
    // The burst lands in the last buckets of the warm-up day, when nothing may alert; the first warm buckets
    // carry no negative at all while the 15-minute window still holds the burst.
    const quiet = run(perDay - 3, () => ({ negative: 0 }));
    const burst = run(3, () => ({ negative: 9 }), {}, quiet.state);
    expect(alertsIn(burst.decisions)).toBe(0);
    const after = run(6, () => ({ negative: 0 }), {}, burst.state);
    expect(alertsIn(after.decisions)).toBe(0);
    expect(after.decisions[0]!.explanation.tailProbability).toBeLessThan(after.decisions[0]!.explanation.threshold);
    // A fresh burst on warm buckets still alerts.
    const later = run(3 * 12, () => ({ negative: 0 }), {}, after.state);
    const again = run(3, () => ({ negative: 9 }), {}, later.state);
    expect(alertsIn(again.decisions)).toBeGreaterThan(0);
  });

  it('never alerts on a bucket below its own expectation, by volume or by share', () => {
    const rand = random(11);
    // A baseline share of 30 % of 40 posts per bucket, then storms every 25 h: volume storms (150 posts, 80 %
    // negative) and share storms at flat volume (40 posts, 80 % negative), each with an all-neutral bucket in
    // three — the buckets the old windows alerted on from their past alone.
    const { decisions, buckets } = run(10 * perDay, (i) => {
      const storm = i > 3 * perDay && i % 300 < 30 ? (Math.floor(i / 300) % 2 === 0 ? 'volume' : 'share') : undefined;
      const lull = storm !== undefined && i % 3 === 2;
      const total = poisson(storm === 'volume' ? 150 : 40, rand);
      const share = lull ? 0 : storm ? 0.8 : 0.3;
      let negative = 0;
      for (let k = 0; k < total; k++) if (rand() < share) negative++;
      return { negative, total };
    });
    const alerts = decisions.map((d, i) => ({ d, b: buckets[i]! })).filter(({ d }) => d.alert);
    expect(alerts.some(({ d }) => d.explanation.metric === 'negative')).toBe(true);
    expect(alerts.some(({ d }) => d.explanation.metric === 'share')).toBe(true);
    for (const { b } of alerts) expect(b.negative).toBeGreaterThan(0);
    // Share alerts exist (asserted above), so this loop checks at least one.
    for (const { d, b } of alerts.filter(({ d }) => d.explanation.metric === 'share'))
      expect(b.negative / b.total).toBeGreaterThan(d.explanation.expected);
    // The lulls inside a storm still keep it away from its baseline: an incident stays open through them.
    const lulls = decisions.filter((_, i) => i > 3 * perDay && i % 300 < 30 && i % 300 > 6 && i % 3 === 2);
    expect(lulls.every((d) => !d.alert)).toBe(true);
    expect(lulls.some((d) => !d.nearBaseline)).toBe(true);
  });
});
