import { describe, expect, it } from 'vitest';
import { renderEscalation, renderParent, renderResolution, renderSuggestions, renderUpdate } from '../../../src/platforms/slack/render.js';
import { T0, alertView, suggestion } from './fixtures.js';
import { golden } from './golden.js';

const HOUR = 3_600_000;

describe('Slack Block Kit of an alert (golden files)', () => {
  const cases: Array<[string, unknown]> = [
    ['parent-open-en', renderParent(alertView())],
    ['parent-open-fr', renderParent(alertView({}, 'fr'))],
    [
      'parent-state-en',
      renderParent(
        alertView({
          state: {
            acknowledged: { by: 'U0ACK', at: T0 + 10 * 60_000 },
            escalated: { by: 'U0ACK', at: T0 + 15 * 60_000 },
            muted: { by: 'U0MUTE', at: T0 + 20 * 60_000, until: T0 + 20 * 60_000 + 2 * HOUR },
          },
        }),
      ),
    ],
    ['parent-resolved-en', renderParent(alertView({ status: 'resolved', resolvedAt: T0 + 3 * HOUR + 20 * 60_000 }))],
    ['parent-false-positive-fr', renderParent(alertView({ state: { falsePositive: { by: 'U0FP', at: T0 + 5 * 60_000 } } }, 'fr'))],
    ['update-en', renderUpdate(alertView({ stage: 4 }), { stage: 3, severity: 60, negative: 40 })],
    ['resolution-fr', renderResolution(alertView({ status: 'resolved', resolvedAt: T0 + 3 * HOUR + 20 * 60_000 }, 'fr'))],
    ['escalation-en', renderEscalation(alertView(), 'U0ACK')],
    ['escalation-nobody-en', renderEscalation(alertView({ escalation: [] }), 'U0ACK')],
    ['suggestions-en', renderSuggestions(alertView(), suggestion())],
    [
      'suggestions-fr-mixed',
      renderSuggestions(
        alertView({}, 'fr'),
        suggestion('fr', {
          polished: true,
          categorization: {
            category: 'other',
            mixed: true,
            breakdown: [
              { category: 'customer_service', count: 5, share: 0.35 },
              { category: 'billing_pricing', count: 4, share: 0.33 },
              { category: 'rumour', count: 4, share: 0.32 },
            ],
            evidence: [],
          },
        }),
      ),
    ],
  ];
  for (const [name, rendered] of cases) {
    it(name, () => {
      const { actual, expected } = golden(name, rendered);
      expect(actual).toEqual(expected);
    });
  }
});

describe('what the parent says', () => {
  it('gives numbers, not adjectives: observed, expected, spread, ratio, peak and totals', () => {
    const text = JSON.stringify(renderParent(alertView()).blocks);
    expect(text).toContain('*Negative mentions:* 42 in 1 h against 6 ± 2.5 expected (7× the baseline)');
    expect(text).toContain('*Peak:* 42 negative mentions');
    expect(text).toContain('57 negative of 130 mentions');
  });

  it('lists the sources in the order the incident reached them', () => {
    const text = JSON.stringify(renderParent(alertView()).blocks);
    expect(text).toContain('X (Twitter) (38) → Reddit (12) → Google News (7)');
  });

  it('makes post text inert: no channel-wide ping, no injected link', () => {
    const text = JSON.stringify(renderParent(alertView()).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; no refund');
  });

  it('carries the incident id in each button and the action in its action id', () => {
    const actions = renderParent(alertView()).blocks.find((b) => b.type === 'actions');
    expect(actions).toBeDefined();
    const elements = (actions as { elements: Array<{ action_id: string; value: string }> }).elements;
    expect(elements.map((e) => e.action_id)).toEqual(['acknowledge', 'escalate', 'mute', 'not_crisis']);
    expect(new Set(elements.map((e) => e.value))).toEqual(new Set(['inc-1']));
  });

  it('drops the buttons once the incident is resolved or marked not a crisis', () => {
    for (const view of [alertView({ status: 'resolved', resolvedAt: T0 + HOUR }), alertView({ state: { falsePositive: { by: 'U1', at: T0 } } })]) {
      expect(renderParent(view).blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('mentions only well-formed user ids when escalating', () => {
    const text = JSON.stringify(renderEscalation(alertView({ escalation: ['U0ESC1', '<!everyone>', 'W0GRID'] }), 'U0ACK').blocks);
    expect(text).toContain('<@U0ESC1> <@W0GRID>');
    expect(text).not.toContain('everyone');
  });
});
