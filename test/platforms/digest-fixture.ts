import type { DigestView } from '../../src/core/digest/view.js';

/** A weekly digest with every part filled: the platforms' rendering of it is what the tests check. */
export function digestFixture(over: Partial<DigestView> = {}): DigestView {
  return {
    planId: 'plan-1',
    planName: 'Acme Air',
    locale: 'en',
    timeZone: 'UTC',
    every: 'weekly',
    from: Date.UTC(2026, 10, 23, 8, 30),
    to: Date.UTC(2026, 10, 30, 8, 30),
    volume: { total: 1200, negative: 300, previousTotal: 1000, previousNegative: 100 },
    incidents: { opened: 2, resolved: 1, stillOpen: 1, medianAckMinutes: 9 },
    topPosts: [{ author: '@jdoe', text: 'Acme Air lost my bag', url: 'https://x.com/jdoe/status/1', sourceKind: 'x' }],
    sources: [{ kind: 'x', negative: 40, previous: 5 }],
    series: [1, 2, 3, 50, 4, 2, 1],
    shareOfVoice: [
      { name: 'Acme Air', role: 'brand', total: 1200, negative: 300, share: 0.75, negativeShare: 0.25 },
      { name: 'Globex', role: 'competitor', total: 400, negative: 40, share: 0.25, negativeShare: 0.1 },
    ],
    ...over,
  };
}
