import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PlanFormSchema } from '../../../src/core/commands/types.js';
import {
  actionOfVerb,
  actionVerb,
  renderAlertCard,
  renderChartCard,
  renderEscalation,
  renderResolutionCard,
  renderSuggestionCard,
  renderUpdateCard,
  referenceLine,
} from '../../../src/platforms/teams/cards.js';
import { renderPlanCard } from '../../../src/platforms/teams/plan-card.js';
import { T0, suggestion, view } from './fixtures.js';
import { golden } from './golden.js';
import { exposedRuns, occurrences, stringsOf } from '../../support/bidi.js';

const HOUR = 3_600_000;
/** A stand-in for a PNG's base64: golden files must not depend on the chart renderer. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function expectGolden(name: string, value: unknown): void {
  const { actual, expected } = golden(name, value);
  expect(actual).toEqual(expected);
}

describe('Teams Adaptive Cards (golden files)', () => {
  it('open alert, English and French', () => {
    expectGolden('alert-open-en', renderAlertCard(view()));
    expectGolden('alert-open-fr', renderAlertCard(view({}, { locale: 'fr' })));
  });

  it('alert with every state shown and the chart inline', () => {
    const states = {
      acknowledged: { by: 'Alice Martin', at: T0 + 0.2 * HOUR },
      escalated: { by: 'Alice Martin', at: T0 + 0.3 * HOUR },
      muted: { by: 'Bob', at: T0 + 0.4 * HOUR, until: T0 + 2.4 * HOUR },
      falsePositive: { by: 'Carla', at: T0 + 0.5 * HOUR },
    };
    expectGolden('alert-state-chart-en', renderAlertCard(view(states), { chartPngBase64: PNG }));
  });

  it('resolved alert: no buttons, the duration instead', () => {
    expectGolden('alert-resolved-en', renderAlertCard(view({ status: 'resolved', resolvedAt: T0 + 5 * HOUR })));
  });

  it('share metric alert, French', () => {
    const explanation = {
      metric: 'share' as const,
      observed: 0.62,
      expected: 0.2,
      spread: 0.08,
      windowMs: 3 * HOUR,
      ratio: 3.1,
      tailProbability: 2e-5,
      threshold: 1e-4,
    };
    expectGolden(
      'alert-share-fr',
      renderAlertCard(
        view({ explanation, severity: { score: 35, level: 'medium', parts: { size: 0.3, speed: 0.3, reach: 0.4, stage: 0.33 } } }, { locale: 'fr' }),
      ),
    );
  });

  it('thread replies: update, resolution, suggestions, chart', () => {
    expectGolden('update-en', renderUpdateCard(view({ stage: 4 }), { stage: 3, severity: 60, negative: 40 }));
    expectGolden('update-chat-en', renderUpdateCard(view({ stage: 4 }), { stage: 3, severity: 60, negative: 40 }, [referenceLine(view())]));
    expectGolden('resolution-fr', renderResolutionCard(view({ status: 'resolved', resolvedAt: T0 + 26 * HOUR }, { locale: 'fr' })));
    expectGolden('suggestions-en', renderSuggestionCard(view(), suggestion()));
    const mixed = suggestion('fr', { polished: true });
    mixed.categorization.mixed = true;
    expectGolden('suggestions-fr-mixed', renderSuggestionCard(view({}, { locale: 'fr' }), mixed));
    expectGolden('chart-en', renderChartCard(view(), { pngBase64: PNG }));
    expectGolden('chart-too-large-en', renderChartCard(view(), { tooLargeKb: 61 }));
  });

  it('escalation: mentions, or how to set contacts', () => {
    expectGolden('escalation-en', renderEscalation(view(), 'Alice Martin', [{ id: 'aad-esc-1', name: 'Bob Crisis' }]));
    expectGolden('escalation-nobody-fr', renderEscalation(view({}, { locale: 'fr', escalation: [] }), 'Alice Martin', []));
  });

  it('plan form, blank and with field errors', () => {
    const blank = PlanFormSchema.parse({ name: '', brand: '', kinds: [], languages: [], sensitivity: 'normal', escalation: [] });
    expectGolden('plan-form-new-en', renderPlanCard(blank, 'en'));
    const filled = PlanFormSchema.parse({
      name: 'Acme Air',
      brand: '',
      kinds: ['x', 'reddit'],
      languages: ['fr'],
      locale: 'fr',
      sensitivity: 'high',
      escalation: ['aad-1'],
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/Paris',
    });
    expectGolden('plan-form-errors-fr', renderPlanCard(filled, 'fr', { original: 'Acme Air', errors: { brand: { key: 'teams.plan.brand' } } }));
  });
});

describe('Teams Adaptive Card boundaries', () => {
  it('keeps user text from injecting links or emphasis', () => {
    const json = JSON.stringify(renderAlertCard(view()));
    expect(json).not.toContain('[link](http://evil.example)');
    expect(json).toContain('\\\\[link\\\\](http://evil.example)');
    expect(json).toContain('acme_air_%28strike%29');
  });

  it('stays far below the Teams message size limit (~40 KB) with five long posts, leaving room for the chart', () => {
    const long = 'x'.repeat(5_000);
    const samples = Array.from({ length: 8 }, (_, i) => ({
      id: `x:${i}`,
      sourceKind: 'x' as const,
      url: `https://x.com/u/status/${i}`,
      author: long,
      text: long,
      publishedAt: T0,
      sentiment: 'negative' as const,
      confidence: 0.9,
    }));
    const size = Buffer.byteLength(JSON.stringify(renderAlertCard(view({ samples }))));
    expect(size).toBeLessThan(40_000 - 28_000);
  });

  it('button verbs round-trip and unknown verbs are refused', () => {
    expect(actionOfVerb(actionVerb('mute'))).toBe('mute');
    expect(actionOfVerb('vigie.alert.delete')).toBeUndefined();
    expect(actionOfVerb('mute')).toBeUndefined();
  });
});

const require = createRequire(import.meta.url);
/** Microsoft's Adaptive Cards library (the renderer of `npm run pictures`): its UMD bundle parses cards in Node. */
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.min.js') as {
  AdaptiveCard: new () => { rtl?: boolean; parse(json: unknown, context: unknown): void; toJSON(): Record<string, unknown> };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

describe('an Arabic alert in Teams', () => {
  const arabic = renderAlertCard(view({}, { locale: 'ar' }), { chartPngBase64: PNG });
  // Left-to-right runs of this alert: the plan name, the query, an author, figures with their units.
  const RUNS = ['Acme Air', '"Acme Air" OR @acmeair', '@jdoe', '72/100', '3/4', '×7', '2,5'];

  it('is a right-to-left card, and only in Arabic', () => {
    expect(arabic.rtl).toBe(true);
    expect(renderAlertCard(view()).rtl).toBeUndefined();
    expect(renderSuggestionCard(view({}, { locale: 'ar' }), suggestion('ar')).rtl).toBe(true);
    const blank = PlanFormSchema.parse({ name: '', brand: '', kinds: [], languages: [], sensitivity: 'normal', escalation: [] });
    expect(renderPlanCard(blank, 'ar').rtl).toBe(true);
  });

  it('passes the Adaptive Cards parser with rtl, which keeps it', () => {
    const context = new AdaptiveCards.SerializationContext();
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(arabic, context);
    expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
    expect(parsed.rtl).toBe(true);
    expect(parsed.toJSON().rtl).toBe(true);
  });

  it('has no id or figure split by direction: each sits in an isolate or in a link target', () => {
    const texts = stringsOf(arabic.body);
    expect(occurrences(texts.join('\n'), RUNS)).toBeGreaterThanOrEqual(RUNS.length);
    expect(texts.flatMap((text) => exposedRuns(text, RUNS))).toEqual([]);
  });

  it('has a golden file', () => {
    expectGolden('alert-open-ar', arabic);
  });
});
