import { buildAlertView } from '../core/alert-view.js';
import type { ChartView } from '../core/alert-view.js';
import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
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
}

/**
 * Builds the message of a queued alert at delivery time, from the incident as it is then: a parent posted late
 * (after an outage or quiet hours) shows current numbers, not stale ones.
 */
export function createMessages(deps: MessageDeps) {
  const chartOf = async (incident: Incident, plan: Plan): Promise<ChartView> => {
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
      timeZone: plan.quietHours?.timeZone ?? 'UTC',
      locale: plan.locale,
      title: t(plan.locale, 'alert.chart.title', { plan: plan.name }),
    };
  };

  return async (item: OutboxItem, incident: Incident, plan: Plan): Promise<AlertMessage | undefined> => {
    const view = buildAlertView(incident, plan);
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
      default:
        return undefined;
    }
  };
}
