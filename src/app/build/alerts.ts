import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Writable } from 'node:stream';
import type { ChartView } from '../../core/alert-view.js';
import type { Incident } from '../../core/incident/incident.js';
import type { Plan, Platform } from '../../core/plan.js';
import type { Suggestion } from '../../core/respond/types.js';
import { loadPlaybooks, type Playbooks } from '../../drafting/playbook-files.js';
import type { Logger } from '../../log.js';
import type { Notifier } from '../../platforms/notifier.js';
import { createLocalNotifier } from '../../platforms/local/notifier.js';
import type { Store } from '../../store/store.js';
import type { AlertQueue } from '../alerts.js';
import type { DetectionPort } from '../detection.js';
import { createMessages } from '../messages.js';
import { createOutbox, type Outbox } from '../outbox.js';
import { createSuggestions } from '../polish.js';
import { createReminders, type Reminders } from '../reminders.js';
import type { VigieSettings } from '../settings.js';

export interface BuiltAlerts {
  outbox: Outbox;
  /** Reminders of unanswered alerts, queued in the outbox (`set <plan> remind`). */
  reminders: Reminders;
  /** Where alerts go, per platform: the terminal always; Slack and Teams once they start. */
  notifiers: Map<Platform, Notifier>;
  /** The template suggested responses of an incident (its report page shows them too). */
  suggest(incident: Incident, plan: Plan): Promise<Suggestion>;
}

/** From a queued alert to a posted message: the words of each message, the suggested responses, the outbox. */
export async function buildAlerts(
  settings: Pick<VigieSettings, 'drafting' | 'detection' | 'alerts' | 'timeZone'>,
  ports: {
    store: Store;
    detection: DetectionPort;
    alerts: AlertQueue;
    stdout: Writable;
    logger: Logger;
    now: () => number;
    /** The signed link of an incident's report page, shown on its alert. */
    reportUrl?: (incidentId: string) => string;
  },
): Promise<BuiltAlerts> {
  const { store, logger, now } = ports;
  // A team's own playbooks are read and checked now, so that a mistake in them stops the start with its message; the
  // shipped ones (checked by the tests) are read by the first alert that needs them.
  const { playbookDir } = settings.drafting;
  const teamPlaybooks = playbookDir ? await loadPlaybooks({ dir: playbookDir }) : undefined;
  let shippedPlaybooks: Promise<Playbooks> | undefined;
  const playbooks = (): Promise<Playbooks> => {
    if (teamPlaybooks) return Promise.resolve(teamPlaybooks);
    shippedPlaybooks ??= loadPlaybooks({});
    return shippedPlaybooks;
  };
  const suggestions = createSuggestions({
    playbooks,
    llm: settings.drafting.llm,
    alerts: ports.alerts,
    now,
    timeZone: settings.timeZone,
    logger,
  });
  const localCharts = {
    dir: settings.alerts.chartDir,
    // resvg is loaded with the first chart, not at start: local mode starts without it.
    render: async (chart: ChartView) => (await import('../../chart/png.js')).renderChartPng(chart),
    logger,
  };
  const notifiers = new Map<Platform, Notifier>([['local', createLocalNotifier(ports.stdout, localCharts)]]);
  const outbox = createOutbox({
    store,
    notifiers,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    message: createMessages({
      store,
      detection: ports.detection,
      bucketMs: settings.detection.bucketMs,
      suggest: suggestions.suggest,
      now,
      timeZone: settings.timeZone,
      ...(ports.reportUrl ? { reportUrl: ports.reportUrl } : {}),
    }),
    delivered: suggestions.afterDelivered,
    now,
    logger,
  });
  const reminders = createReminders({
    store,
    releaseAt: (plan, at, incident) => ports.detection.releaseAt(plan, at, incident.severity.level),
    now,
    logger,
  });
  return { outbox, notifiers, reminders, suggest: suggestions.suggest };
}
