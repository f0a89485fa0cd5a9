import type express from 'express';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import type { Locale } from '../../i18n/locale.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { EXPORT_FORMATS, type ExportFormat, PLAN_EXPORT_INCIDENTS, exportFile, exportSubject } from './exports.js';
import type { ReportLinks } from './links.js';
import { HEADERS, refusal } from './routes.js';

const FILE = /^(.+)\.([a-z]+)$/;

/**
 * GET /export/<incident|plan>/<id>.<csv|jsonl>?i=…&e=…&s=…: an export's file behind a signed link (Teams cannot take
 * a file from a bot in a channel; Slack and local mode get the file itself too). The same refusals as report pages;
 * an incident's revocation also ends its export links.
 */
export function mountExportRoutes(
  app: express.Express,
  deps: { store: Store; links: ReportLinks; locale: Locale; now(): number; logger: Logger },
): void {
  app.get('/export/:scope/:file', async (req, res) => {
    res.set(HEADERS);
    const { scope } = req.params;
    const match = FILE.exec(req.params.file);
    const deny = (reason: string): void => {
      deps.logger.warn('export link refused', { code: `export_${reason}`, scope, requestId: res.getHeader('x-request-id') });
      res.status(403).type('html').send(refusal(deps.locale));
    };
    if ((scope !== 'incident' && scope !== 'plan') || !match || !(EXPORT_FORMATS as readonly string[]).includes(match[2]!)) return deny('malformed');
    const id = match[1]!;
    const format = match[2] as ExportFormat;
    const parts = deps.links.parse(exportSubject(scope, id, format), req.query as Record<string, unknown>);
    const now = deps.now();
    if (!parts) return deny('malformed');
    const early = deps.links.check(parts, now, undefined);
    if (early) return deny(early);
    try {
      let plan: Plan | undefined;
      let incidents: Incident[] = [];
      if (scope === 'plan') {
        plan = await deps.store.plans.getById(id);
        if (plan) incidents = await deps.store.incidents.list(plan.id, PLAN_EXPORT_INCIDENTS);
      } else {
        const incident = await deps.store.incidents.get(id);
        plan = incident && (await deps.store.plans.getById(incident.planId));
        if (incident) incidents = [incident];
        const revoked = incident && deps.links.check(parts, now, incident.reportRevokedAt);
        if (revoked) return deny(revoked);
      }
      if (!plan || (incidents.length === 0 && scope === 'incident')) return deny('gone');
      const file = await exportFile(plan, incidents, scope, format, now);
      res
        .status(200)
        .type(file.contentType)
        .set(
          'content-disposition',
          `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .send(file.content);
    } catch (error) {
      deps.logger.error('export failed', { code: 'export_failed', scope, error });
      res.status(500).type('html').send(refusal(deps.locale));
    }
  });
}
