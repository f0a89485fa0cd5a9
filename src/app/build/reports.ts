import type express from 'express';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import type { Suggestion } from '../../core/respond/types.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { DetectionPort } from '../detection.js';
import { incidentChart } from '../messages.js';
import { type ExportFormat, exportSubject } from '../report/exports.js';
import { mountExportRoutes } from '../report/export-routes.js';
import { createReportLinks, type ReportLinks } from '../report/links.js';
import { mountReportRoutes } from '../report/routes.js';
import type { VigieSettings } from '../settings.js';

export interface BuiltReports {
  links: ReportLinks;
  /** A signed link to an incident's report page, from now (shown on its alert). */
  reportUrl(incidentId: string): string;
  /** The same, with when it expires (`show <incident>`). */
  reportLink(incidentId: string): { url: string; expiresAt: number };
  /** A signed download link of an export, with when it expires. */
  exportLink(scope: 'incident' | 'plan', id: string, format: ExportFormat): { url: string; expiresAt: number };
  /** Serve the report pages on the HTTP app. */
  mount(app: express.Express, suggest: (incident: Incident, plan: Plan) => Promise<Suggestion>): void;
}

/** Incident report pages: signed links for the alerts, and the pages on Vigie's own HTTP server. */
export function buildReports(
  settings: Pick<VigieSettings, 'reports' | 'server' | 'detection' | 'platforms' | 'timeZone' | 'store'>,
  ports: { store: Store; detection: DetectionPort; port: () => number | undefined; logger: Logger; now: () => number },
): BuiltReports {
  const { reports } = settings;
  // A key that ends with the process only matters once links leave this machine (Slack, Teams) or another instance
  // must open them; in local mode a restart simply asks for a new link (`show <incident>`).
  if (!reports.reportKey) {
    const shared = settings.platforms.slack !== undefined || settings.platforms.teams.enabled || settings.store.databaseUrl !== undefined;
    ports.logger[shared ? 'warn' : 'info']('VIGIE_REPORT_KEY is not set: report links are signed with a key that ends with this process');
  }
  // Links posted in Slack or Teams are opened on other machines, where localhost is not Vigie.
  if (!reports.publicUrl && (settings.platforms.slack || settings.platforms.teams.enabled)) {
    ports.logger.warn('VIGIE_PUBLIC_URL is not set: report links in Slack and Teams point at localhost');
  }
  const links = createReportLinks({
    ...(reports.reportKey ? { key: reports.reportKey } : {}),
    baseUrl: () => reports.publicUrl ?? `http://localhost:${ports.port() ?? settings.server.port}`,
    ttlMs: reports.ttlMs,
  });
  const expiring = (url: (at: number) => string) => {
    const at = ports.now();
    return { url: url(at), expiresAt: at + links.ttlMs };
  };
  return {
    links,
    reportUrl: (incidentId) => links.urlFor(incidentId, ports.now()),
    reportLink: (incidentId) => expiring((at) => links.urlFor(incidentId, at)),
    exportLink: (scope, id, format) =>
      expiring((at) => links.signedUrl(`/export/${scope}/${encodeURIComponent(id)}.${format}`, exportSubject(scope, id, format), at)),
    mount(app, suggest) {
      mountReportRoutes(app, {
        store: ports.store,
        links,
        chart: (incident, plan) => incidentChart({ ...ports, bucketMs: settings.detection.bucketMs, timeZone: settings.timeZone }, incident, plan),
        suggest,
        locale: settings.platforms.locale,
        timeZone: settings.timeZone,
        now: ports.now,
        logger: ports.logger,
      });
      mountExportRoutes(app, { store: ports.store, links, now: ports.now, logger: ports.logger, locale: settings.platforms.locale });
    },
  };
}
