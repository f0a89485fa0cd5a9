import { postRef } from '../../../src/core/corrections/correction.js';
import type { AlertView } from '../../../src/core/alert-view.js';
import type { Incident } from '../../../src/core/incident/incident.js';
import { PLAN_SCHEMA_VERSION, type Plan } from '../../../src/core/plan.js';
import type { Locale } from '../../../src/i18n/locale.js';
import type { Suggestion } from '../../../src/core/respond/types.js';

/** A fixed moment (Friday 27 November 2026, 09:00 UTC) so renderings are reproducible. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const HOUR = 3_600_000;

/** An open incident of plan "Acme Air" at domino stage 3, with two posts and spread to three sources. */
export function alertView(overrides: Partial<AlertView> = {}, locale: Locale = 'en'): AlertView {
  return {
    incidentId: 'inc-1',
    planId: 'plan-1',
    planName: 'Acme Air',
    brand: '"Acme Air" OR @acmeair',
    locale,
    timeZone: 'UTC',
    status: 'open',
    stage: 3,
    severity: { score: 72.4, level: 'high', parts: { size: 0.8, speed: 0.6, reach: 0.7, stage: 0.66 } },
    explanation: {
      metric: 'negative',
      observed: 42,
      expected: 6,
      spread: 2.5,
      windowMs: HOUR,
      ratio: 7,
      tailProbability: 1e-9,
      threshold: 1e-4,
      slot: { day: 5, hour: 9 },
    },
    counts: { negative: 57, total: 130, engagement: 18_450, expectedNegative: 9 },
    peak: { bucketStart: T0, negative: 42, expected: 6 },
    openedAt: T0,
    sources: [
      { kind: 'reddit', channel: 'forum', negative: 12, firstSeenAt: T0 + 20 * 60_000 },
      { kind: 'x', channel: 'microblog', negative: 38, firstSeenAt: T0 },
      { kind: 'gnews', channel: 'news', negative: 7, firstSeenAt: T0 + 45 * 60_000 },
    ],
    topPosts: [
      {
        ref: postRef('m0'),
        url: 'https://x.com/jdoe/status/1',
        author: '@jdoe',
        text: 'Flight AC123 cancelled again <!channel> & no refund. @acmeair this is a joke',
        sourceKind: 'x',
        publishedAt: T0 + 5 * 60_000,
        metrics: { likes: 1250, reposts: 310, replies: 1, views: 98_000 },
        velocity: 42.5,
      },
      {
        ref: postRef('m1'),
        url: 'https://www.reddit.com/r/travel/comments/abc/acme_air_strike/',
        author: 'u/traveller',
        text: 'Anyone else stuck at CDG? Acme Air staff say a strike is coming.',
        sourceKind: 'reddit',
        publishedAt: T0 + 25 * 60_000,
      },
    ],
    state: {},
    escalation: ['U0ESC1', 'U0ESC2'],
    sentimentModels: ['builtin'],
    ...overrides,
  };
}

export function suggestion(locale: Locale = 'en', overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    locale,
    categorization: {
      category: 'cancellation',
      mixed: false,
      breakdown: [
        { category: 'cancellation', count: 31, share: 0.62 },
        { category: 'customer_service', count: 12, share: 0.24 },
        { category: 'other', count: 7, share: 0.14 },
      ],
      evidence: [
        {
          category: 'cancellation',
          phrase: 'cancelled again',
          url: 'https://x.com/jdoe/status/1',
          excerpt: 'Flight AC123 cancelled again & no refund',
        },
        { category: 'cancellation', phrase: 'flight cancelled', excerpt: 'my flight cancelled <b>twice</b> this week' },
      ],
    },
    drafts: {
      holding: 'We are aware that some flights were cancelled today. Our teams are working on it and we will share an update by [time].',
      reply: 'Hi [name], we are sorry about your cancelled flight. Please send us your booking reference in a private message so we can help.',
      brief: 'Since [time], cancellations on [routes] drive complaints on X and Reddit; the press has started to pick it up.',
      checklist: { do: ['Confirm the facts with operations', 'Answer the first complainers'], dont: ['Speculate on the cause', 'Argue in public'] },
    },
    polished: false,
    ...overrides,
  };
}

/** The plan of `alertView()`, alerting channel C0ALERTS of workspace T1. */
export function planFixture(overrides: Partial<Plan> = {}): Plan {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: 'plan-1',
    name: 'Acme Air',
    scope: { platform: 'slack', workspace: 'T1' },
    what: { brand: '"Acme Air" OR @acmeair' },
    sources: [{ kind: 'x' }, { kind: 'reddit' }, { kind: 'gnews' }],
    languages: [],
    locale: 'en',
    sensitivity: 'normal',
    destination: { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' },
    escalation: ['U0ESC1', 'U0ESC2'],
    status: 'active',
    created: { by: 'U1', at: T0 - 86_400_000 },
    updated: { by: 'U1', at: T0 - 86_400_000 },
    ...overrides,
  };
}

/** The incident behind `alertView()`. */
export function incidentFixture(overrides: Partial<Incident> = {}): Incident {
  const view = alertView();
  return {
    id: 'inc-1',
    planId: 'plan-1',
    status: 'open',
    openedAt: T0,
    lastBucketAt: T0,
    stage: view.stage,
    severity: view.severity,
    explanation: view.explanation,
    counts: view.counts,
    peak: view.peak,
    sources: view.sources,
    samples: view.topPosts.map(({ ref: _ref, ...p }, i) => ({ ...p, id: `m${i}`, sentiment: 'negative' as const, confidence: 0.9 })),
    ...overrides,
  };
}
