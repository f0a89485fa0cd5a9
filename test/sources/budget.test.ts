import { describe, expect, it } from 'vitest';
import { currentUsage, nextMidnightIn, nextUtcMidnight, pacedNotBefore } from '../../src/sources/budget.js';

const DAY = 86_400_000;

describe('daily budgets', () => {
  it('resets X budgets at midnight UTC and YouTube quotas at midnight Pacific time, DST included', () => {
    expect(nextUtcMidnight(Date.UTC(2026, 10, 27, 23, 59))).toBe(Date.UTC(2026, 10, 28));
    expect(nextMidnightIn('America/Los_Angeles', Date.UTC(2026, 10, 27, 12))).toBe(Date.UTC(2026, 10, 28, 8));
    expect(nextMidnightIn('America/Los_Angeles', Date.UTC(2026, 6, 1, 12))).toBe(Date.UTC(2026, 6, 2, 7));
  });

  it('keeps the count within a period and starts afresh after its reset', () => {
    const resetsAt = Date.UTC(2026, 10, 28);
    const used = { used: 40, limit: 100, period: 'day', resetsAt };
    expect(currentUsage(used, 100, resetsAt - 1, resetsAt)).toEqual(used);
    expect(currentUsage(used, 100, resetsAt + 1, resetsAt + DAY)).toEqual({ used: 0, limit: 100, period: 'day', resetsAt: resetsAt + DAY });
  });

  it('paces spending over the day with a burst allowance', () => {
    const resetsAt = Date.UTC(2026, 10, 28);
    const noon = resetsAt - DAY / 2;
    // At noon, half the budget plus 20% may be spent.
    expect(pacedNotBefore({ used: 700, limit: 1000, period: 'day', resetsAt }, noon)).toBeUndefined();
    expect(pacedNotBefore({ used: 800, limit: 1000, period: 'day', resetsAt }, noon)).toBe(resetsAt - DAY + 0.6 * DAY);
    expect(pacedNotBefore({ used: 1000, limit: 1000, period: 'day', resetsAt }, noon)).toBe(resetsAt);
  });
});
