import type { Plan, SourceSpec } from '../../src/core/plan.js';
import type { HttpClient } from '../../src/sources/http.js';
import type { FetchContext } from '../../src/sources/source.js';
import type { SourceHealth } from '../../src/core/source-state.js';
import { testHttpClient } from './http-client.js';

export function planWith(what: Plan['what'], overrides: Partial<Plan> = {}): Plan {
  const actor = { by: 'U1', at: 0 };
  return {
    schemaVersion: 1,
    id: 'plan-1',
    name: 'acme',
    scope: { platform: 'local', workspace: 'local' },
    what,
    sources: [],
    languages: [],
    locale: 'en',
    sensitivity: 'normal',
    destination: { platform: 'local', workspace: 'local', channel: 'terminal' },
    escalation: [],
    status: 'active',
    created: actor,
    updated: actor,
    ...overrides,
  };
}

export interface ContextOptions {
  cursor?: unknown;
  health?: SourceHealth;
  now?: number;
  http?: HttpClient;
}

export function contextFor(plan: Plan, spec: SourceSpec, options: ContextOptions = {}): FetchContext {
  return {
    plan,
    spec,
    cursor: options.cursor,
    health: options.health ?? { consecutiveFailures: 0 },
    http: options.http ?? testHttpClient(),
    now: options.now ?? Date.now(),
  };
}
