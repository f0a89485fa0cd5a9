import { buildAlertView } from '../core/alert-view.js';
import type { ChartView } from '../core/alert-view.js';
import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import { planTimeZone } from '../core/time-zone.js';
import { awaitsAnswer } from '../core/incident/reminders.js';
import type { Suggestion } from '../core/respond/types.js';
import { chartSeries, chartWindow } from '../chart/window.js';
import { t } from '../i18n/catalog.js';
import type { AlertMessage } from '../platforms/notifier.js';
import type { Store } from '../store/store.js';
import type { OutboxItem } from '../core/outbox-item.js';
import type { DetectionPort } from './detection.js';

export interface MessageDeps {
  store: Store;
  detection: DetectionPort;
  bucketMs: number;
  suggest(incident: Incident, plan: Plan): Promise<Suggestion>;
  now(): number;
  /** The zone of plans without their own (`VIGIE_TIMEZONE`). */
  timeZone: string;
  /** A signed link to the incident's report page, shown on the alert ("Open report"). */
  reportUrl?(incidentId: string): string;
}

/** The volume chart of an incident as it is now: a baseline before it, then the incident (see `chart/window.ts`). */
export async function incidentChart(
  deps: Pick<MessageDeps, 'store' | 'detection' | 'bucketMs' | 'now' | 'timeZone'>,
  incident: Incident,
  plan: Plan,
): Promise<ChartView> {
  const window = chartWindow({ openedAt: incident.openedAt, lastBucketAt: incident.lastBucketAt, now: deps.now(), bucketMs: deps.bucketMs });
  const stored = await deps.store.buckets.range(plan.id, window.from, window.to);
  const state = deps.detection.restore(await deps.store.detector.get(plan.id));
  const series = chartSeries(window, deps.bucketMs, stored, (start) => deps.detection.baselineAt(state, start));
  return {
    ...series,
    bucketMs: window.bucketMs,
    from: window.from,
    to: window.to,
    spikeAt: incident.openedAt,
    timeZone: planTimeZone(plan, deps.timeZone),
    locale: plan.locale,
    title: t(plan.locale, 'alert.chart.title', { plan: plan.name }),
  };
}

/**
 * Builds the message of a queued alert at delivery time, from the incident as it is then: a parent posted late
 * (after an outage or quiet hours) shows current numbers, not stale ones.
 */
export function createMessages(deps: MessageDeps) {
  const chartOf = (incident: Incident, plan: Plan): Promise<ChartView> => incidentChart(deps, incident, plan);

  return async (item: OutboxItem, incident: Incident, plan: Plan): Promise<AlertMessage | undefined> => {
    const view = { ...buildAlertView(incident, plan, deps.timeZone), ...(deps.reportUrl ? { reportUrl: deps.reportUrl(incident.id) } : {}) };
    switch (item.kind) {
      case 'open':
        return { kind: 'open', view };
      case 'state':
        return { kind: 'state', view };
      case 'resolve':
        return { kind: 'resolve', view };
      case 'update': {
        const previous = item.payload.previous as { stage: number; severity: number; negative: number } | undefined;
        return {
          kind: 'update',
          view,
          previous: previous ?? { stage: incident.stage, severity: incident.severity.score, negative: incident.counts.negative },
        };
      }
      case 'escalate':
        return { kind: 'escalate', view, by: String(item.payload.by ?? '?') };
      case 'suggestions': {
        const polished = item.payload.suggestion as Suggestion | undefined;
        return { kind: 'suggestions', view, suggestion: polished ?? (await deps.suggest(incident, plan)) };
      }
      case 'chart':
        return { kind: 'chart', view, chart: await chartOf(incident, plan) };
      case 'competitor':
        return { kind: 'competitor', view, competitor: String(item.payload.competitor ?? '?') };
      // Answered while the reminder waited (quiet hours, an outage): it is dropped.
      case 'remind':
        return awaitsAnswer(incident) ? { kind: 'remind', view, afterMs: Number(item.payload.afterMs ?? 0) } : undefined;
      case 'remind_dm':
        if (!awaitsAnswer(incident)) return undefined;
        return { kind: 'remind_dm', view, afterMs: Number(item.payload.afterMs ?? 0), user: String(item.payload.user ?? '') };
      default:
        return undefined;
    }
  };
}
