import { randomUUID } from 'node:crypto';
import type { CommandService } from '../../core/commands/types.js';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan } from '../../core/plan.js';
import type { Suggestion } from '../../core/respond/types.js';
import type { Logger } from '../../log.js';
import type { CronScheduler } from '../../schedule/cron.js';
import type { Store } from '../../store/store.js';
import type { AlertQueue } from '../alerts.js';
import type { Corrections } from '../corrections.js';
import type { CommandDeps } from '../commands/deps.js';
import { createCommandService } from '../commands/service.js';
import { feedbackSummaryOf } from '../feedback-summary.js';
import { createIncidentActions } from '../incident-actions.js';
import type { Pipeline } from '../pipeline.js';
import { validateQuery } from '../plan-queries.js';
import { createProbe } from '../probe.js';
import { buildStatus } from '../status.js';
import type { BuiltSources } from './sources.js';

/** The commands every platform sends (typed, clicked or submitted), on the store, the sources and the pipeline. */
export function buildCommands(ports: {
  store: Store;
  sources: BuiltSources;
  pipeline: Pipeline;
  alerts: AlertQueue;
  corrections: Corrections;
  scheduler: CronScheduler;
  logger: Logger;
  now: () => number;
  timeZone: string;
  reportLink: CommandDeps['reportLink'];
  /** The template suggested responses of an incident: `used` records the one it names. */
  suggest(incident: Incident, plan: Plan): Promise<Suggestion>;
  exportLink: CommandDeps['exportLink'];
}): CommandService {
  const { store, sources, scheduler, logger, now } = ports;
  return createCommandService({
    store,
    validateQuery,
    sources: sources.checks,
    probe: createProbe({ sources: sources.registry, http: sources.http, pipeline: ports.pipeline, now, logger }),
    status: (plans) =>
      buildStatus(
        {
          store,
          timeZone: ports.timeZone,
          missingSettings: sources.checks.missingSettings,
          nextPollAt: () => scheduler.nextTickAt(),
          deadJobs: () => scheduler.deadJobs(),
        },
        plans,
      ),
    incidents: createIncidentActions({ store, alerts: ports.alerts, suggest: ports.suggest, now, timeZone: ports.timeZone, logger }),
    corrections: ports.corrections,
    termTally: (planId) => ports.pipeline.termTally(planId),
    feedbackSummary: async (plan) => feedbackSummaryOf(await store.feedback.list(plan.id), now()),
    plansChanged: (planId) => ports.pipeline.plansChanged([planId]),
    reportLink: ports.reportLink,
    exportLink: ports.exportLink,
    now,
    timeZone: ports.timeZone,
    newId: randomUUID,
    logger,
  });
}
