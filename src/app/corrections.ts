import type { CommandContext, Reply } from '../core/commands/types.js';
import { type Correction, postRef, refersTo } from '../core/corrections/correction.js';
import { buildOverrideIndex, type OverrideIndex } from '../core/corrections/overrides.js';
import { correctIncidentSample } from '../core/incident/correction.js';
import type { Incident, Sample } from '../core/incident/incident.js';
import { DEFAULT_DOMINO } from '../core/detect/domino.js';
import type { Plan, Scope } from '../core/plan.js';
import type { SentimentLabel } from '../core/sentiment/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { AlertQueue } from './alerts.js';

/** Incidents of each plan searched for the post a `correct` names: the latest ones, open or resolved. */
const INCIDENTS_SEARCHED = 20;
/** Another instance's corrections reach this one's index within this delay (this instance's at once). */
const REFRESH_MS = 60_000;

export interface Corrections {
  /** Mark one evidence post of this workspace with its right sentiment (`typed`: its reference or mention id). */
  correct(typed: string, label: SentimentLabel, ctx: CommandContext): Promise<Reply>;
  /** The override index of one workspace, for the pipeline. */
  overridesFor(scope: Scope): Promise<OverrideIndex>;
}

interface Found {
  plan: Plan;
  incident: Incident;
  sample: Sample;
}

const scopeKey = (scope: Scope): string => `${scope.platform}\u0000${scope.workspace}`;

/**
 * Corrections the model learns from. A correction is checked against the person's workspace (only its plans'
 * evidence can be named), stored with who and when, applied at once to every incident of the workspace that
 * shows the post (its negative count, spread, stage and severity; the parent message is refreshed), and the
 * workspace's override index is rebuilt so the next copies of the post take the corrected label.
 */
export function createCorrections(deps: { store: Store; alerts: AlertQueue; bucketMs: number; now(): number; logger: Logger }): Corrections {
  const { store } = deps;
  const cache = new Map<string, { index: OverrideIndex; builtAt: number }>();

  const find = async (typed: string, scope: Scope): Promise<Found[]> => {
    const found: Found[] = [];
    for (const plan of await store.plans.list(scope)) {
      for (const incident of await store.incidents.list(plan.id, INCIDENTS_SEARCHED)) {
        for (const sample of incident.samples) if (refersTo(typed, sample.id)) found.push({ plan, incident, sample });
      }
    }
    return found;
  };

  return {
    async correct(typed, label, ctx) {
      const found = await find(typed, ctx.scope);
      const posts = [...new Set(found.map((f) => f.sample.id))];
      if (posts.length === 0) return { ok: false, lines: [{ key: 'corr.error.not_found', params: { post: typed } }] };
      if (posts.length > 1)
        return { ok: false, lines: [{ key: 'corr.error.ambiguous', params: { post: typed, refs: posts.map(postRef).join(', ') } }] };
      const at = deps.now();
      const first = found[0]!;
      const sample = first.sample;
      const correction: Correction = {
        scope: ctx.scope,
        postId: sample.id,
        planId: first.plan.id,
        incidentId: first.incident.id,
        // The text as the model read it: a title is part of what was scored.
        text: sample.title && !sample.text.startsWith(sample.title) ? `${sample.title}. ${sample.text}` : sample.text,
        ...(sample.lang ? { lang: sample.lang } : {}),
        label,
        previous: sample.corrected?.from ?? sample.sentiment,
        by: ctx.user,
        at,
      };
      await store.corrections.save(correction);
      cache.delete(scopeKey(ctx.scope));
      const lines: Reply['lines'] = [];
      for (const { plan, incident } of found) {
        const result = await store.withPlanLock(plan.id, async () => {
          const current = (await store.incidents.get(incident.id)) ?? incident;
          const corrected = correctIncidentSample(
            current,
            { postId: sample.id, label, by: ctx.user, at },
            { bucketMs: deps.bucketMs, domino: DEFAULT_DOMINO },
          );
          if (!corrected) return undefined;
          await store.incidents.save(corrected.incident);
          // The parent message shows the counts and the evidence: refresh it while the incident is open.
          if (corrected.delta !== 0 && corrected.incident.status === 'open') await deps.alerts.enqueue(plan, corrected.incident, 'state', at);
          return corrected;
        });
        if (!result) continue;
        const { counts } = result.incident;
        lines.push({
          key: 'corr.done.incident',
          params: {
            plan: plan.name,
            negative: counts.negative,
            total: counts.total,
            share: Math.round((100 * counts.negative) / Math.max(counts.total, 1)),
          },
        });
      }
      deps.logger.info('sentiment corrected', {
        workspace: ctx.scope.workspace,
        user: ctx.user,
        postId: sample.id,
        label,
        previous: correction.previous,
        incidents: found.length,
      });
      return {
        ok: true,
        lines: [
          { key: 'corr.done', params: { ref: postRef(sample.id), label: { key: `corr.label.${label}` }, user: ctx.user } },
          ...lines,
          { key: 'corr.done.copies' },
        ],
      };
    },

    async overridesFor(scope) {
      const key = scopeKey(scope);
      const now = deps.now();
      const cached = cache.get(key);
      if (cached && now - cached.builtAt < REFRESH_MS) return cached.index;
      const index = buildOverrideIndex(await store.corrections.list(scope));
      cache.set(key, { index, builtAt: now });
      return index;
    },
  };
}
