import type { SourceKind } from '../core/mention.js';
import type { Plan, SourceSpec } from '../core/plan.js';
import { SourceError } from '../core/source-error.js';
import type { SourceRegistry } from '../sources/registry.js';
import type { CommandDeps } from './commands/deps.js';
import { sourceErrorText } from './source-error-text.js';

/** What the command service may ask about source kinds: their arguments, settings and defaults. */
export function sourceChecks(registry: SourceRegistry, defaults: (plan: Plan) => SourceSpec[] = () => []): CommandDeps['sources'] {
  return {
    kinds: () => registry.kinds(),
    checkArg(kind: SourceKind, arg: string | undefined) {
      const source = registry.get(kind);
      if (!source) return { ok: false, reason: { key: 'src.error.unavailable_kind', params: { kind } } };
      try {
        return { ok: true, arg: source.normaliseArg(arg) };
      } catch (error) {
        if (error instanceof SourceError) return { ok: false, reason: sourceErrorText(error) };
        throw error;
      }
    },
    missingSettings: (kind: SourceKind) => registry.get(kind)?.missingSettings() ?? [],
    defaultsFor: (plan: Plan) => defaults(plan).filter((spec) => registry.get(spec.kind) !== undefined),
  };
}
