import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, TEAMS_THREAD_LIMITS, type Clock } from '../../../src/platforms/teams/rate-limit.js';

function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('per-thread limiter (Teams limits)', () => {
  it('lets 7 operations through in a second, then waits for the window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(TEAMS_THREAD_LIMITS, clock);
    for (let i = 0; i < 7; i += 1) expect(await limiter.take('t', 10_000)).toEqual({ ok: true });
    expect(clock.slept).toEqual([]);
    await limiter.take('t', 10_000);
    expect(clock.now()).toBe(1_000);
    // 8 per 2 s: the 9th waits for the 2 s window.
    await limiter.take('t', 10_000);
    expect(clock.now()).toBe(2_000);
  });

  it('keeps threads apart', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(TEAMS_THREAD_LIMITS, clock);
    for (let i = 0; i < 7; i += 1) await limiter.take('a', 0);
    expect(await limiter.take('b', 0)).toEqual({ ok: true });
  });

  it('says how long instead of waiting past the deadline (60 per 30 s)', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(TEAMS_THREAD_LIMITS, clock);
    for (let i = 0; i < 60; i += 1) await limiter.take('t', Number.MAX_SAFE_INTEGER);
    const before = clock.now();
    const refused = await limiter.take('t', before + 1_000);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(1_000);
    expect(clock.now()).toBe(before);
  });
});
