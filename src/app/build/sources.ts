import type { Plan } from '../../core/plan.js';
import type { Logger } from '../../log.js';
import { defaultSourcesFor, type DefaultSourceSettings } from '../../sources/defaults.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../sources/http.js';
import { keywordsOf } from '../../sources/plan-query.js';
import { createSourceRegistry, type SourceRegistry } from '../../sources/registry.js';
import type { SourceConfig } from '../settings.js';
import { sourceChecks } from '../source-checks.js';

export interface BuiltSources {
  http: HttpClient;
  registry: SourceRegistry;
  checks: ReturnType<typeof sourceChecks>;
}

/**
 * Every source kind on one guarded HTTP client. Petitions are found among the links of a plan's recent mentions,
 * which only the pipeline knows: `petitionLinks` is that port, called at poll time.
 */
export function buildSources(
  settings: { http: HttpClientOptions; sources: SourceConfig; defaultSources: DefaultSourceSettings },
  ports: { logger: Logger; petitionLinks: (planId: string, sinceMs: number) => Promise<string[]>; http?: HttpClient },
): BuiltSources {
  const http = ports.http ?? createHttpClient(settings.http);
  const registry = createSourceRegistry({
    ...settings.sources,
    logger: ports.logger,
    petitionLinks: ports.petitionLinks,
    keywordQuery: (plan: Plan) => keywordsOf(plan, 'googleNews', 1)[0] ?? plan.what.brand,
  });
  const checks = sourceChecks(registry, (plan) => defaultSourcesFor(plan, settings.defaultSources));
  return { http, registry, checks };
}
