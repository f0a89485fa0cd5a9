import { newPlan, touched } from '../../core/commands/plan-edits.js';
import type { ReplyLine } from '../../core/commands/types.js';
import { PlanNameSchema, QUERY_ROLES } from '../../core/plan.js';
import { planTimeZone } from '../../core/time-zone.js';
import type { Plan } from '../../core/plan.js';
import { formatDuration } from '../../core/duration.js';
import { brandNameOf } from '../../core/respond/facts.js';
import { planShareOfVoice } from '../share-of-voice.js';
import type { Kit } from './kit.js';
import { formatTime } from '../format.js';
import type { Handler } from './handler.js';
import { fail, ok, refuse } from './kit.js';
import { digestMarkerKey } from '../digest/runner.js';
import { incidentReply } from './reports.js';
import { incidentIdError, resolveIncidentId } from '../incident-ids.js';

/** Create a plan in this channel with default sources, or replace an existing plan's brand query. */
export const watch: Handler<'watch'> = async (command, ctx, kit) => {
  const { deps, now } = kit;
  kit.checkQuery('brand', command.query);
  const existing = await deps.store.plans.get(ctx.scope, command.plan);
  if (existing) {
    await kit.savePlan(touched({ ...existing, what: { ...existing.what, brand: command.query } }, ctx.user, now));
    return ok({ key: 'cmd.watch.updated', params: { plan: existing.name, query: command.query } });
  }
  if (!PlanNameSchema.safeParse(command.plan).success) refuse({ key: 'cmd.error.plan_name', params: { plan: command.plan } });
  const created = newPlan({
    id: deps.newId(),
    name: command.plan,
    brand: command.query,
    scope: ctx.scope,
    destination: { platform: ctx.scope.platform, workspace: ctx.scope.workspace, channel: ctx.channel },
    locale: ctx.locale,
    by: ctx.user,
    at: now,
  });
  const plan = { ...created, sources: deps.sources.defaultsFor(created), ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}) };
  await kit.savePlan(plan);
  return ok(
    { key: 'cmd.watch.created', params: { plan: plan.name, query: command.query } },
    plan.sources.length > 0
      ? { key: 'cmd.watch.sources', params: { sources: kit.sourceList(plan) } }
      : { key: 'cmd.watch.no_sources', params: { plan: plan.name } },
    ...kit.disabledNotes(plan.sources),
  );
};

export const list: Handler<'list'> = async (_command, ctx, kit) => {
  const plans = await kit.deps.store.plans.list(ctx.scope);
  if (plans.length === 0) return ok({ key: 'cmd.list.empty' });
  return ok(
    { key: 'cmd.list.header', params: { count: plans.length } },
    ...plans.map((p) => ({
      key: 'cmd.list.item' as const,
      params: {
        plan: p.name,
        status: { key: `cmd.status.${p.status}` as const },
        sources: p.sources.length,
        channel: p.destination.channel,
        query: p.what.brand,
      },
    })),
  );
};

export const show: Handler<'show'> = async (command, ctx, kit) => {
  const { store } = kit.deps;
  // `show <incident>`: an incident id is never a plan name a user would type, so the plan is looked for first.
  if (!(await store.plans.get(ctx.scope, command.plan))) {
    const found = await resolveIncidentId(store, command.plan, ctx.scope);
    if (found.kind === 'found') return ok(...incidentReply(kit, found.incident, found.plan));
    // A prefix several incidents share names no plan either: say which incidents, not "no such plan".
    if (found.kind === 'ambiguous') return refuse(incidentIdError(found, command.plan));
  }
  const plan = await kit.findPlan(ctx, command.plan);
  const zone = planTimeZone(plan, kit.deps.timeZone);
  const lines: ReplyLine[] = [
    {
      key: 'cmd.show.header',
      params: {
        plan: plan.name,
        status: { key: `cmd.status.${plan.status}` as const },
        createdBy: plan.created.by,
        createdAt: formatTime(plan.created.at, zone),
        channel: plan.destination.channel,
      },
    },
  ];
  for (const role of QUERY_ROLES) {
    const query = plan.what[role];
    if (query) lines.push({ key: 'cmd.show.query', params: { role, query } });
  }
  lines.push({ key: 'cmd.show.sources', params: { sources: plan.sources.length > 0 ? kit.sourceList(plan) : '-' } });
  lines.push({
    key: 'cmd.show.languages',
    params: { languages: plan.languages.length > 0 ? plan.languages.join(', ') : '*', locale: plan.locale, sensitivity: plan.sensitivity },
  });
  lines.push({ key: 'cmd.show.escalation', params: { contacts: plan.escalation.length > 0 ? plan.escalation.join(', ') : '-' } });
  lines.push({ key: 'teamfit.show.timezone', params: { timeZone: zone } });
  if (plan.quietHours) lines.push({ key: 'cmd.show.quiet', params: plan.quietHours });
  if (plan.remind) lines.push({ key: 'teamfit.show.remind', params: { delay: formatDuration(plan.remind.afterMs), severity: plan.remind.severity } });
  lines.push(...(await voiceLines(kit, plan)));
  const feedback = await kit.deps.feedbackSummary(plan);
  lines.push(feedback ? { key: 'cmd.show.feedback', params: { ...feedback } } : { key: 'cmd.show.no_feedback' });
  const [last] = await store.incidents.list(plan.id, 1);
  if (last) {
    lines.push({
      key: 'cmd.show.incident',
      params: {
        state: last.status,
        openedAt: formatTime(last.openedAt, zone),
        stage: last.stage,
        severity: `${last.severity.level} (${Math.round(last.severity.score)})`,
      },
    });
  }
  return ok(...lines);
};

const VOICE_DAYS = 7;

/** Share of voice over the last week, when the plan watches competitors. */
async function voiceLines(kit: Kit, plan: Plan): Promise<ReplyLine[]> {
  if (!plan.what.competitors) return [];
  const voice = await planShareOfVoice(kit.deps.store, plan, kit.now - VOICE_DAYS * 86_400_000, kit.now + 1);
  const lines: ReplyLine[] = plan.competitorAlerts ? [{ key: 'teamfit.show.competitor_alerts' }] : [];
  if (voice.every((v) => v.total === 0)) return [...lines, { key: 'teamfit.show.voice.empty', params: { days: VOICE_DAYS } }];
  lines.push({ key: 'teamfit.show.voice.header', params: { days: VOICE_DAYS } });
  for (const v of voice) {
    const name = v.role === 'brand' ? brandNameOf(plan) : v.name;
    lines.push({
      key: v.role === 'brand' ? 'teamfit.show.voice.brand' : 'teamfit.show.voice.competitor',
      params: { name, total: v.total, share: v.share, negativeShare: v.negativeShare },
    });
  }
  return lines;
}

const setStatus =
  (status: 'active' | 'paused'): Handler<'pause' | 'resume'> =>
  async (command, ctx, kit) => {
    const plan = await kit.findPlan(ctx, command.plan);
    await kit.savePlan(touched({ ...plan, status }, ctx.user, kit.now));
    return ok({ key: status === 'paused' ? 'cmd.pause.done' : 'cmd.resume.done', params: { plan: plan.name } });
  };
export const pause: Handler<'pause'> = setStatus('paused');
export const resume: Handler<'resume'> = setStatus('active');

export const remove: Handler<'remove'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  await kit.deps.store.plans.remove(plan.id);
  // The digest's progress is kept beside the detector state under its own key, which the store does not know.
  await kit.deps.store.detector.save(digestMarkerKey(plan.id), undefined);
  kit.deps.plansChanged(plan.id);
  return ok({ key: 'cmd.remove.done', params: { plan: plan.name } });
};

/** The plan form is a Slack modal or a Teams card: the platforms answer `plan` themselves; typed text cannot show it. */
export const planForm: Handler<'plan'> = async () => fail({ key: 'cmd.error.slack_only' });
