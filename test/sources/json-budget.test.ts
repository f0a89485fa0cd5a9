import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHnSource } from '../../src/sources/hn.js';
import { JSON_BUDGET, overJsonBudget } from '../../src/sources/json-budget.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { startFakeHn } from '../fakes/hn.js';
import { contextFor, planWith } from './context.js';

/** Depth, containers and scalars of a parsed value, counted the slow, obvious way (object keys are scalars). */
function measure(value: unknown, depth = 0): { depth: number; containers: number; scalars: number } {
  if (value === null || typeof value !== 'object') return { depth, containers: 0, scalars: 1 };
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  const keys = Array.isArray(value) ? 0 : children.length;
  return children.reduce<{ depth: number; containers: number; scalars: number }>(
    (acc, child) => {
      const m = measure(child, depth + 1);
      return { depth: Math.max(acc.depth, m.depth), containers: acc.containers + m.containers, scalars: acc.scalars + m.scalars };
    },
    { depth: depth + 1, containers: 1, scalars: keys },
  );
}

describe('JSON budget', () => {
  it('agrees with a count on the parsed value for any JSON text, pretty or compact, escapes included', async () => {
    const budget = { maxDepth: 4, maxContainers: 12, maxScalars: 30 };
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), async (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const m = measure(JSON.parse(text));
        const within = m.depth <= budget.maxDepth && m.containers <= budget.maxContainers && m.scalars <= budget.maxScalars;
        expect((await overJsonBudget(text, budget)) === undefined).toBe(within);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses 4.8 MB of nesting or of empty objects without parsing them, letting the event loop run while it scans', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    expect(await overJsonBudget(`${'['.repeat(2_400_000)}${']'.repeat(2_400_000)}`)).toBe(`nested deeper than ${JSON_BUDGET.maxDepth} levels`);
    expect(await overJsonBudget(`[${Array(1_600_000).fill('{}').join(',')}]`)).toBe(`more than ${JSON_BUDGET.maxContainers} arrays and objects`);
    expect(await overJsonBudget(`[${Array(2_400_000).fill('0').join(',')}]`)).toBe(`more than ${JSON_BUDGET.maxScalars} values`);
    // A 4 MB answer within budget (strings of escaped quotes, valid JSON) is scanned in slices.
    const quotes = `"${'\\"'.repeat(1_000)}"`;
    const valid = `[${Array(2_000).fill(quotes).join(',')}]`;
    expect(JSON.parse(valid)).toHaveLength(2_000);
    expect(await overJsonBudget(valid)).toBeUndefined();
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
  });

  describe('through a source', () => {
    let fake: ApiServer;
    beforeEach(async () => {
      fake = await startFakeHn([]);
    });
    afterEach(() => fake.close());

    it('turns an answer over budget into a too_large source error', async () => {
      fake.interceptNext({ body: `{"hits":${'['.repeat(100_000)}${']'.repeat(100_000)},"page":0,"nbPages":1}` });
      const source = createHnSource({ hnUrl: fake.url, limiter: createLimiter() });
      await expect(source.fetch(contextFor(planWith({ brand: 'acme' }), { kind: 'hn' }, { now: Date.now() }))).rejects.toMatchObject({
        code: 'too_large',
        message: expect.stringContaining('nested deeper than 32 levels'),
      });
      expect(fake.requests).toHaveLength(1);
    });
  });
});
