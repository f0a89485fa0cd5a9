import type { Plan } from '../core/plan.js';
import type { ReplyLine } from '../core/commands/types.js';
import { describeSource } from '../core/commands/plan-edits.js';
import type { Mention } from '../core/mention.js';
import type { HttpClient } from '../sources/http.js';
import type { Pipeline, SourceLookup } from './pipeline.js';
import { sourceErrorText } from './source-error-text.js';
import { SourceError } from '../core/source-error.js';
import type { Logger } from '../log.js';

export interface ProbeReport {
  lines: ReplyLine[];
}

const SHOWN = 10;
const PROBE_TIMEOUT_MS = 20_000;

/**
 * `test <plan>`: poll every source of the plan now, from scratch, and show what matches with its sentiment —
 * without touching cursors, seen ids, buckets or incidents.
 */
export function createProbe(deps: { sources: SourceLookup; http: HttpClient; pipeline: Pipeline; now(): number; logger?: Logger }) {
  return async (plan: Plan): Promise<ProbeReport> => {
    const now = deps.now();
    const errors: ReplyLine[] = [];
    const fetched: Mention[] = [];
    await Promise.all(
      plan.sources.map(async (spec) => {
        const source = deps.sources.get(spec.kind);
        if (!source) return;
        const missing = source.missingSettings();
        if (missing.length > 0) {
          errors.push({ key: 'cmd.status.disabled', params: { settings: missing.join(', ') } });
          return;
        }
        try {
          const result = await source.fetch({
            plan,
            spec,
            cursor: undefined,
            health: { consecutiveFailures: 0 },
            http: deps.http,
            now,
            signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
          });
          // Not push(...): a source may answer more items than the call stack takes arguments.
          for (const mention of result.mentions) fetched.push(mention);
          if (result.partial) errors.push({ key: 'src.test.partial', params: { source: describeSource(spec), detail: result.partial.detail } });
        } catch (error) {
          // The chat gets the status and a reason; what the server said is for the log only.
          deps.logger?.warn('test poll failed', {
            plan: plan.id,
            source: describeSource(spec),
            ...(error instanceof SourceError
              ? { code: error.code, error: error.message, status: error.status, upstream: error.upstream }
              : { code: 'internal', error }),
          });
          errors.push({ key: 'cmd.test.source_error', params: { source: describeSource(spec), error: sourceErrorText(error) } });
        }
      }),
    );
    const scored = (await deps.pipeline.score(plan, fetched)).sort((a, b) => b.mention.publishedAt - a.mention.publishedAt);
    const negative = scored.filter((s) => s.sentiment.label === 'negative').length;
    const lines: ReplyLine[] = [{ key: 'cmd.test.header', params: { plan: plan.name, fetched: fetched.length, matched: scored.length, negative } }];
    for (const { mention, sentiment } of scored.slice(0, SHOWN)) {
      const text = mention.title ?? mention.text;
      lines.push({
        key: 'cmd.test.item',
        params: {
          label: sentiment.label,
          confidence: Math.round(sentiment.confidence * 100),
          sourceKind: mention.sourceKind,
          author: mention.author || '?',
          text: text.length > 140 ? `${text.slice(0, 139)}…` : text,
          url: mention.url,
        },
      });
    }
    if (scored.length > SHOWN) lines.push({ key: 'cmd.test.more', params: { count: scored.length - SHOWN } });
    lines.push(...errors);
    return { lines };
  };
}
