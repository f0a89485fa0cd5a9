import { PLAN_SCHEMA_VERSION, type Plan, type SourceSpec } from '../../src/core/plan.js';
import type { HttpClient } from '../../src/sources/http.js';
import type { FetchContext } from '../../src/sources/source.js';

export const NOW = Date.parse('2026-11-27T06:00:00Z');

export function testPlan(overrides: Partial<Plan> = {}): Plan {
  const actor = { by: 'U123', at: NOW - 86_400_000 };
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: 'plan-acme',
    name: 'acme',
    scope: { platform: 'local', workspace: 'local' },
    what: { brand: '"Acme Bank" OR acmebank' },
    sources: [],
    languages: [],
    locale: 'fr',
    sensitivity: 'normal',
    destination: { platform: 'local', workspace: 'local', channel: 'terminal' },
    escalation: [],
    status: 'active',
    created: actor,
    updated: actor,
    ...overrides,
  };
}

/** A poll as the scheduler would run it; validators come from the previous poll's result. */
export function fetchContext(http: HttpClient, spec: SourceSpec, previous: Partial<FetchContext> = {}): FetchContext {
  return {
    plan: testPlan(),
    spec,
    cursor: undefined,
    health: { consecutiveFailures: 0 },
    http,
    now: NOW,
    ...previous,
  };
}
