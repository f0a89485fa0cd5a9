import { EXPORT_FORMATS, type ExportFormat, PLAN_EXPORT_INCIDENTS, exportFile } from '../report/exports.js';
import type { ReplyLine } from '../../core/commands/types.js';
import { planTimeZone } from '../../core/time-zone.js';
import { formatTime } from '../format.js';
import type { Handler } from './handler.js';
import { refuse } from './kit.js';
import { incidentIdError, resolveIncidentId } from '../incident-ids.js';

const isFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

/**
 * `export <incident|plan> [csv|jsonl]`: the mentions behind one incident, or behind every stored incident of a plan,
 * as a file the platform delivers (Slack uploads it, local mode writes it), with a signed download link.
 */
export const exportMentions: Handler<'export'> = async (command, ctx, kit) => {
  if (!isFormat(command.format)) {
    return refuse({ key: 'cmd.error.set_value', params: { field: 'format', value: command.format, expected: EXPORT_FORMATS.join(', ') } });
  }
  const { store } = kit.deps;
  const plan = await store.plans.get(ctx.scope, command.target);
  const resolution = plan ? undefined : await resolveIncidentId(store, command.target, ctx.scope);
  // Several incidents share the typed prefix: say which, as every command taking an incident does.
  if (resolution?.kind === 'ambiguous') return refuse(incidentIdError(resolution, command.target));
  const found = plan
    ? { plan, incidents: await store.incidents.list(plan.id, PLAN_EXPORT_INCIDENTS), scope: 'plan' as const, id: plan.id }
    : resolution?.kind === 'found'
      ? { plan: resolution.plan, incidents: [resolution.incident], scope: 'incident' as const, id: resolution.incident.id }
      : undefined;
  if (!found) return refuse({ key: 'export.not_found', params: { target: command.target } });
  const file = await exportFile(found.plan, found.incidents, found.scope, command.format, kit.now);
  const link = kit.deps.exportLink(found.scope, found.id, command.format);
  kit.deps.logger.info('export made', {
    planId: found.plan.id,
    scope: found.scope,
    id: found.id,
    format: command.format,
    rows: file.rows,
    user: ctx.user,
  });
  const { rows, ...replyFile } = file;
  const lines: ReplyLine[] = [
    { key: 'export.ready', params: { name: file.name, rows, incidents: found.incidents.length } },
    { key: 'export.link', params: { url: link.url, expires: formatTime(link.expiresAt, planTimeZone(found.plan, kit.deps.timeZone)) } },
  ];
  const withLink = { ...replyFile, url: link.url };
  return { ok: true, lines, file: found.scope === 'incident' ? { ...withLink, incidentId: found.id } : withLink };
};
