import type express from 'express';
import type { ChartView } from '../../core/alert-view.js';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import type { Suggestion } from '../../core/respond/types.js';
import { t } from '../../i18n/catalog.js';
import type { Locale } from '../../i18n/locale.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { ReportLinks } from './links.js';
import { escapeHtml, pageDirection, renderReportPage } from './page.js';
import { incidentVoice, reportData } from './report-data.js';

export interface ReportRouteDeps {
  store: Store;
  links: ReportLinks;
  chart(incident: Incident, plan: Plan): Promise<ChartView>;
  suggest(incident: Incident, plan: Plan): Promise<Suggestion>;
  /** The language of a refusal page: no plan is known to the browser then. */
  locale: Locale;
  /** The zone of plans without their own (`VIGIE_TIMEZONE`). */
  timeZone: string;
  now(): number;
  logger: Logger;
}

// Nothing on the page may be fetched from elsewhere (not even from Vigie): inline styles and an inline SVG only.
export const HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
};

export function refusal(locale: Locale): string {
  const title = escapeHtml(t(locale, 'report.refused.title'));
  return `<!doctype html><html lang="${locale}" dir="${pageDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(t(locale, 'report.refused.text'))}</p></body></html>`;
}

/**
 * GET /report/<incident>?i=<issued>&e=<expires>&s=<signature>: the incident's report page, for whoever holds a
 * valid link. An altered, expired or revoked link, or another incident's id under the same signature, gets 403;
 * the page says no more than that, the log says which.
 */
export function mountReportRoutes(app: express.Express, deps: ReportRouteDeps): void {
  app.get('/report/:incident', async (req, res) => {
    res.set(HEADERS);
    const incidentId = req.params.incident;
    const parts = deps.links.parse(incidentId, req.query as Record<string, unknown>);
    const now = deps.now();
    const deny = (reason: string): void => {
      deps.logger.warn('report link refused', { code: `report_${reason}`, incidentId, requestId: res.getHeader('x-request-id') });
      res.status(403).type('html').send(refusal(deps.locale));
    };
    if (!parts) return deny('malformed');
    const early = deps.links.check(parts, now, undefined);
    if (early) return deny(early);
    try {
      const incident = await deps.store.incidents.get(incidentId);
      const plan = incident && (await deps.store.plans.getById(incident.planId));
      if (!incident || !plan) return deny('gone');
      const refused = deps.links.check(parts, now, incident.reportRevokedAt);
      if (refused) return deny(refused);
      const [chart, suggestion, voice] = await Promise.all([
        deps.chart(incident, plan),
        deps.suggest(incident, plan).catch((error: unknown) => {
          deps.logger.warn('report: suggested responses left out', { incidentId, error });
          return undefined;
        }),
        incidentVoice(deps.store, incident, plan, now),
      ]);
      const data = await reportData(incident, plan, { chart, suggestion, voice }, deps.timeZone);
      res
        .status(200)
        .type('html')
        .send(renderReportPage(data, { generatedAt: now, expiresAt: parts.expiresAt }));
    } catch (error) {
      deps.logger.error('report page failed', { code: 'report_failed', incidentId, error });
      res.status(500).type('html').send(refusal(deps.locale));
    }
  });
}
