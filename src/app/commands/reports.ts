import { parseDuration } from '../../core/duration.js';
import type { ReplyLine } from '../../core/commands/types.js';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import { planTimeZone } from '../../core/time-zone.js';
import { formatTime } from '../format.js';
import { incidentIdError, resolveIncidentId } from '../incident-ids.js';
import type { Handler } from './handler.js';
import { type Kit, ok, refuse } from './kit.js';

const DEFAULT_SINCE_MS = 30 * 86_400_000;
const HISTORY_MAX = 50;

/** Minutes from the alert (or the opening, for an incident never alerted) to the first acknowledgement. */
export function minutesToAcknowledge(incident: Incident): number | undefined {
  if (!incident.acknowledged) return undefined;
  return Math.max(0, Math.round((incident.acknowledged.at - (incident.alertedAt ?? incident.openedAt)) / 60_000));
}

/** One incident in `history` and `show`, its times in `zone` (the plan's). */
function incidentLine(incident: Incident, zone: string): ReplyLine {
  const ack = minutesToAcknowledge(incident);
  return {
    key: 'history.line',
    params: {
      id: incident.id,
      opened: formatTime(incident.openedAt, zone),
      resolved:
        incident.resolvedAt !== undefined
          ? { key: 'history.resolved', params: { at: formatTime(incident.resolvedAt, zone) } }
          : { key: 'history.still_open' },
      stage: incident.stage,
      severity: `${incident.severity.level} (${Math.round(incident.severity.score)})`,
      ack: ack === undefined ? { key: 'history.no_ack' } : { key: 'history.ack', params: { minutes: ack } },
    },
  };
}

/** Under an incident's line, how many suggested responses the team marked as used, when it marked any. */
function usedLines(incident: Incident): ReplyLine[] {
  const n = incident.usedDrafts?.length ?? 0;
  return n > 0 ? [{ key: 'used.history', params: { n } }] : [];
}

/** One incident in the chat: what `history` lists about it, its figures, and a new report link. */
export function incidentReply(kit: Kit, incident: Incident, plan: Plan): ReplyLine[] {
  const link = kit.deps.reportLink(incident.id);
  const zone = planTimeZone(plan, kit.deps.timeZone);
  return [
    { key: 'history.show.header', params: { plan: plan.name } },
    incidentLine(incident, zone),
    ...usedLines(incident),
    {
      key: 'history.show.counts',
      params: {
        negative: incident.counts.negative,
        total: incident.counts.total,
        expected: Math.round(incident.counts.expectedNegative),
        peak: incident.peak.negative,
        sources: incident.sources.map((s) => s.kind).join(', ') || '-',
      },
    },
    { key: 'report.link', params: { url: link.url, expires: formatTime(link.expiresAt, zone) } },
  ];
}

/** `history <plan> [--since 30d]`: past incidents, newest first. */
export const history: Handler<'history'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  const sinceMs = command.since === undefined ? DEFAULT_SINCE_MS : parseDuration(command.since);
  if (sinceMs === undefined)
    return refuse({ key: 'cmd.error.set_value', params: { field: '--since', value: command.since ?? '', expected: '30d, 12h, 2w' } });
  const from = kit.now - sinceMs;
  const zone = planTimeZone(plan, kit.deps.timeZone);
  const all = await kit.deps.store.incidents.list(plan.id, HISTORY_MAX + 1);
  const recent = all.filter((i) => i.openedAt >= from || i.status === 'open');
  if (recent.length === 0) return ok({ key: 'history.none', params: { plan: plan.name, since: formatTime(from, zone) } });
  return ok(
    { key: 'history.header', params: { plan: plan.name, since: formatTime(from, zone), n: Math.min(recent.length, HISTORY_MAX) } },
    ...recent.slice(0, HISTORY_MAX).flatMap((incident) => [incidentLine(incident, zone), ...usedLines(incident)]),
    { key: 'history.footer' },
  );
};

/** `report revoke <incident>`: links given until now stop opening the report; a new `show` gives a new one. */
export const report: Handler<'report'> = async (command, ctx, kit) => {
  const { store } = kit.deps;
  const found = await resolveIncidentId(store, command.incident, ctx.scope);
  if (found.kind !== 'found') return refuse(incidentIdError(found, command.incident));
  await store.withPlanLock(found.plan.id, async () => {
    const current = (await store.incidents.get(found.incident.id)) ?? found.incident;
    await store.incidents.save({ ...current, reportRevokedAt: kit.now });
  });
  kit.deps.logger.info('report links revoked', { planId: found.plan.id, incidentId: found.incident.id, user: ctx.user });
  return ok({ key: 'report.revoked', params: { incident: found.incident.id } });
};
