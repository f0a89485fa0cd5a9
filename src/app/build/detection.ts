import { randomUUID } from 'node:crypto';
import type { SentimentClassifier } from '../../core/sentiment/types.js';
import type { Logger } from '../../log.js';
import { loadDefaultClassifierWithLazyLanguageId } from '../../models/sentiment.js';
import { withRemoteSentiment, type RemoteSentimentSettings } from '../../models/remote-sentiment.js';
import type { CronScheduler } from '../../schedule/cron.js';
import type { PollJob, SchedulerDeps } from '../../schedule/scheduler.js';
import { createScheduler, type SchedulerSettings } from '../../schedule/select.js';
import type { HttpClient } from '../../sources/http.js';
import type { SourceLookup } from '../pipeline.js';
import type { Store } from '../../store/store.js';
import { createAlertQueue, type AlertQueue } from '../alerts.js';
import type { DetectionPort } from '../detection.js';
import { createDetection } from '../detection-binding.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { createCorrections, type Corrections } from '../corrections.js';
import type { VigieSettings } from '../settings.js';

export type SchedulerFactory = (deps: SchedulerDeps & { logger: Logger; now: () => number }) => CronScheduler;

export interface BuiltDetection {
  detection: DetectionPort;
  alerts: AlertQueue;
  pipeline: Pipeline;
  scheduler: CronScheduler;
  corrections: Corrections;
}

function withRemote(builtin: SentimentClassifier, remote: RemoteSentimentSettings | undefined, logger: Logger): SentimentClassifier {
  return remote ? withRemoteSentiment(builtin, remote, { logger }) : builtin;
}

/**
 * The one-way flow from a poll to an incident: sentiment, buckets, the detector and the incident lifecycle, the
 * alert queue they feed, and the scheduler that runs the polls (node-cron, or pg-boss across instances).
 */
export async function buildDetection(
  settings: Pick<VigieSettings, 'detection'> & { scheduler: SchedulerSettings & { cron: string; jitterMs: number } },
  ports: {
    store: Store;
    sources: SourceLookup;
    http: HttpClient;
    logger: Logger;
    now: () => number;
    classifier?: SentimentClassifier;
    scheduler?: SchedulerFactory;
  },
): Promise<BuiltDetection> {
  const { store, logger, now } = ports;
  const { bucketMs, resolveAfterMs, historyMs } = settings.detection;
  const detection = createDetection({ bucketMs, resolveAfterMs });
  const alerts = createAlertQueue({
    store,
    newId: randomUUID,
    releaseAt: (plan, at, incident) => detection.releaseAt(plan, at, incident.severity.level),
    charts: true,
    logger,
  });
  const corrections = createCorrections({ store, alerts, bucketMs, now, logger });
  const pipeline = createPipeline({
    store,
    overrides: corrections.overridesFor,
    sources: ports.sources,
    http: ports.http,
    classifier: withRemote(ports.classifier ?? loadDefaultClassifierWithLazyLanguageId(), settings.detection.sentiment, logger),
    detection,
    alerts,
    bucketMs,
    historyMs,
    maxItemsPerPoll: settings.detection.maxItemsPerPoll,
    now,
    logger,
  });
  const { cron, jitterMs, ...queue } = settings.scheduler;
  const jobs = {
    cron,
    jitterMs,
    dueJobs: (at: number) => pipeline.dueJobs(at),
    runJob: (job: PollJob, signal: AbortSignal) => pipeline.pollIfDue(job, signal),
    logger,
    now,
  };
  const scheduler = ports.scheduler?.(jobs) ?? (await createScheduler(queue, { ...jobs, applicationName: 'vigie' }));
  return { detection, alerts, pipeline, scheduler, corrections };
}
