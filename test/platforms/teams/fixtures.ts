import { buildAlertView, type AlertView, type ChartView } from '../../../src/core/alert-view.js';
import type { Incident } from '../../../src/core/incident/incident.js';
import type { Plan } from '../../../src/core/plan.js';
import type { Locale } from '../../../src/i18n/locale.js';
import type { Suggestion } from '../../../src/core/respond/types.js';

/** A fixed moment (Friday 27 November 2026, 09:00 UTC) so renderings are reproducible. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const HOUR = 3_600_000;

export const TENANT = 'tenant-1';
export const CHANNEL = '19:general@thread.tacv2';
export const TEAM = '19:team@thread.tacv2';
export const BOT = '28:vigie-bot';

export function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    schemaVersion: 1,
    id: 'plan-1',
    name: 'Acme Air',
    scope: { platform: 'teams', workspace: TENANT },
    what: { brand: '"Acme Air" OR @acmeair' },
    sources: [{ kind: 'x' }, { kind: 'reddit' }, { kind: 'gnews' }],
    languages: ['en', 'fr'],
    locale: 'en',
    sensitivity: 'normal',
    destination: { platform: 'teams', workspace: TENANT, channel: CHANNEL },
    escalation: ['aad-esc-1', 'aad-esc-2'],
    status: 'active',
    created: { by: 'Alice', at: T0 - 30 * 24 * HOUR },
    updated: { by: 'Alice', at: T0 - 30 * 24 * HOUR },
    ...overrides,
  };
}

/** An open incident at domino stage 3, spread to three sources, with two posts kept as evidence. */
export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    planId: 'plan-1',
    status: 'open',
    openedAt: T0,
    lastBucketAt: T0,
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
    sources: [
      { kind: 'reddit', channel: 'forum', negative: 12, firstSeenAt: T0 + 20 * 60_000 },
      { kind: 'x', channel: 'microblog', negative: 38, firstSeenAt: T0 },
      { kind: 'gnews', channel: 'news', negative: 7, firstSeenAt: T0 + 45 * 60_000 },
    ],
    samples: [
      {
        id: 'x:1',
        sourceKind: 'x',
        url: 'https://x.com/jdoe/status/1',
        author: '@jdoe',
        text: 'Flight AC123 cancelled *again* & no refund. [link](http://evil.example) @acmeair this is a joke',
        publishedAt: T0 + 5 * 60_000,
        metrics: { likes: 1250, reposts: 310, replies: 1, views: 98_000 },
        sentiment: 'negative',
        confidence: 0.97,
        velocity: 42.5,
      },
      {
        id: 'reddit:abc',
        sourceKind: 'reddit',
        url: 'https://www.reddit.com/r/travel/comments/abc/acme_air_(strike)/',
        author: 'u/traveller',
        text: 'Anyone else stuck at CDG? Acme Air staff say a strike is coming.',
        publishedAt: T0 + 25 * 60_000,
        sentiment: 'negative',
        confidence: 0.88,
      },
    ],
    ...overrides,
  };
}

export function view(incidentOverrides: Partial<Incident> = {}, planOverrides: Partial<Plan> = {}): AlertView {
  return buildAlertView(incident(incidentOverrides), plan(planOverrides));
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
        { category: 'cancellation', phrase: 'flight cancelled', excerpt: 'my flight cancelled twice this week' },
      ],
    },
    drafts: {
      holding: 'We are aware that some flights were cancelled today. We will share an update by [time].',
      reply: 'Hi [name], we are sorry about your cancelled flight. Please send us your booking reference in a private message.',
      brief: 'Since [time], cancellations on [routes] drive complaints on X and Reddit.',
      checklist: { do: ['Confirm the facts with operations', 'Answer the first complainers'], dont: ['Speculate on the cause', 'Argue in public'] },
    },
    polished: false,
    ...overrides,
  };
}

/** 48 hourly buckets with a flat baseline and a spike over the last three hours. */
export function chart(locale: Locale = 'en'): ChartView {
  const end = T0 + 3 * HOUR;
  const buckets = Array.from({ length: 48 }, (_, i) => {
    const spike = i >= 45 ? [30, 45, 60][i - 45]! : 0;
    return { start: end - (48 - i) * HOUR, negative: 4 + (i % 5) + spike, total: 30 + ((i * 7) % 13) + spike * 2, engagement: 100 + i };
  });
  return {
    buckets,
    bucketMs: HOUR,
    baseline: buckets.map((_, i) => ({ expected: 5 + (i % 3) * 0.5, spread: 2 })),
    spikeAt: buckets[45]!.start,
    from: buckets[0]!.start,
    to: end,
    timeZone: 'UTC',
    locale,
    title: 'Negative and total mentions: Acme Air',
  };
}
