import { describe, expect, it } from 'vitest';
import { renderEscalation, renderParent, renderResolution, renderSuggestions, renderUpdate } from '../../../src/platforms/slack/render.js';
import { T0, alertView, suggestion } from './fixtures.js';
import { golden } from './golden.js';
import { exposedRuns, occurrences, stringsOf } from '../../support/bidi.js';

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

describe('an Arabic alert in Slack', () => {
  const blocks = renderParent(alertView({}, 'ar'));
  const texts = stringsOf(blocks.blocks).concat(blocks.text ?? '');
  // Left-to-right runs of this alert: the plan name, authors, post URLs, a flight number, figures with their units.
  const RUNS = ['Acme Air', '@jdoe', 'u/traveller', 'https://x.com/jdoe/status/1', 'AC123', '72/100', '3/4', '7×', '2,5'];

  it('is in Arabic, its figures in Latin digits (ar-MA)', () => {
    const text = texts.join('\n');
    expect(text).toContain('الإشارات السلبية');
    expect(text).toContain('2,5');
    expect(text).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
  });

  it('has no id, link or figure split by direction: each sits in an isolate or in Slack syntax', () => {
    expect(occurrences(texts.join('\n'), RUNS)).toBeGreaterThanOrEqual(RUNS.length);
    expect(texts.flatMap((text) => exposedRuns(text, RUNS))).toEqual([]);
    // The check does see a run left bare in Arabic text.
    expect(exposedRuns('*الخطورة:* 72/100', RUNS)).toHaveLength(1);
  });

  it('keeps mrkdwn working: bold markers touch the text, links and dates stay whole', () => {
    const text = texts.join('\n');
    expect(text).toContain('*الخطورة:* ');
    expect(text).toContain('<https://x.com/jdoe/status/1|@jdoe>');
    expect(text).toMatch(/<!date\^\d+\^[^>]*\|[^>]*>/);
  });

  it('lists the sources with the arrow pointing the way Arabic is read', () => {
    const sources = texts.find((text) => text.includes('امتدّ إلى'));
    expect(sources).toBeDefined();
    expect(sources).toContain(' ← ');
    expect(sources).not.toContain('→');
  });

  it('has a golden file', () => {
    const { actual, expected } = golden('parent-open-ar', blocks);
    expect(actual).toEqual(expected);
  });
});
